package io.github.wxlogin.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;
import org.springframework.util.Assert;

import io.github.wxlogin.test.simulator.WxSimulator;

/**
 * Starts a {@link WxSimulator} for an application context, registers it as the bean
 * {@value #BEAN_NAME} (closed with the context), registers the apps and adds the
 * {@code wx.login.*} properties that point the starter at it. Equal configurations are
 * equal customizers, so Spring's context cache shares one context, and one simulator,
 * between test classes.
 */
final class WxSimulatorContextCustomizer implements ContextCustomizer {

	/** The simulator's bean name. */
	static final String BEAN_NAME = "wxSimulator";

	/**
	 * The name of the property source with the starter's {@code wx.login.*} properties.
	 */
	static final String PROPERTY_SOURCE_NAME = "wxSimulator";

	/**
	 * Spring's source for {@code @DynamicPropertySource} values, when added before this
	 * one.
	 */
	private static final String DYNAMIC_PROPERTIES_PROPERTY_SOURCE_NAME = "Dynamic Test Properties";

	private final List<App> apps;

	private final boolean boundToOpenPlatform;

	WxSimulatorContextCustomizer(List<App> apps, boolean boundToOpenPlatform) {
		this.apps = List.copyOf(apps);
		Assert.isTrue(apps.stream().map(App::appId).distinct().count() == apps.size(),
				() -> "@AutoConfigureWxSimulator names an app id twice: " + apps);
		this.boundToOpenPlatform = boundToOpenPlatform;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		Assert.isInstanceOf(BeanDefinitionRegistry.class, beanFactory,
				"@AutoConfigureWxSimulator needs a bean factory that is a BeanDefinitionRegistry");
		WxSimulator simulator = WxSimulator.start();
		try {
			for (App app : this.apps) {
				simulator.registerApp(app.appId(), app.appSecret(), this.boundToOpenPlatform);
			}
			addPropertySource(context.getEnvironment(),
					new MapPropertySource(PROPERTY_SOURCE_NAME, properties(simulator)));
			RootBeanDefinition definition = new RootBeanDefinition(WxSimulator.class, () -> simulator);
			definition.setDestroyMethodName("close");
			((BeanDefinitionRegistry) beanFactory).registerBeanDefinition(BEAN_NAME, definition);
		}
		catch (RuntimeException ex) {
			simulator.close();
			throw ex;
		}
	}

	Map<String, Object> properties(WxSimulator simulator) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("wx.login.api-base-url", simulator.baseUrl());
		if (this.apps.size() == 1) {
			properties.put("wx.login.app-id", this.apps.get(0).appId());
			properties.put("wx.login.app-secret", this.apps.get(0).appSecret());
		}
		else if (this.apps.size() > 1) {
			properties.put("wx.login.app-id", "");
			properties.put("wx.login.app-secret", "");
			for (App app : this.apps) {
				String prefix = "wx.login.apps[" + app.appId() + "].";
				properties.put(prefix + "app-id", app.appId());
				properties.put(prefix + "app-secret", app.appSecret());
			}
		}
		return properties;
	}

	/**
	 * Adds the source above the application's own, but below the test's explicit
	 * properties.
	 */
	private static void addPropertySource(ConfigurableEnvironment environment, MapPropertySource source) {
		MutablePropertySources sources = environment.getPropertySources();
		@Nullable String below = null;
		for (String name : List.of(DYNAMIC_PROPERTIES_PROPERTY_SOURCE_NAME,
				TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
			if (sources.contains(name) && (below == null
					|| sources.precedenceOf(sources.get(name)) > sources.precedenceOf(sources.get(below)))) {
				below = name;
			}
		}
		if (below != null) {
			sources.addAfter(below, source);
		}
		else {
			sources.addFirst(source);
		}
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof WxSimulatorContextCustomizer that && this.apps.equals(that.apps)
				&& this.boundToOpenPlatform == that.boundToOpenPlatform);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.apps, this.boundToOpenPlatform);
	}

	@Override
	public String toString() {
		return "WxSimulatorContextCustomizer[apps=" + this.apps + ", boundToOpenPlatform=" + this.boundToOpenPlatform
				+ "]";
	}

	/**
	 * An app to register and configure.
	 *
	 * @param appId the app id
	 * @param appSecret the app secret (not in {@link #toString()})
	 */
	record App(String appId, String appSecret) {

		App {
			Assert.hasText(appId, "@AutoConfigureWxSimulator.App appId must not be empty");
			Assert.hasText(appSecret, "@AutoConfigureWxSimulator.App appSecret must not be empty");
		}

		@Override
		public String toString() {
			return "App[appId=" + this.appId + "]";
		}

	}

}
