package io.github.wxlogin.test.support;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

import io.github.wxlogin.test.AutoConfigureWxSimulator;
import io.github.wxlogin.test.AutoConfigureWxSimulator.App;
import io.github.wxlogin.test.simulator.WxSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.Mockito.mock;

/**
 * The customizer behind {@link AutoConfigureWxSimulator}, on a plain context.
 */
class WxSimulatorContextCustomizerFactoryTests {

	private final ContextCustomizerFactory factory = factory();

	/**
	 * The factory as the TestContext framework finds it: registered in
	 * {@code META-INF/spring.factories}.
	 */
	static ContextCustomizerFactory factory() {
		return SpringFactoriesLoader.forDefaultResourceLocation()
			.load(ContextCustomizerFactory.class)
			.stream()
			.filter((factory) -> factory.getClass()
				.getName()
				.equals("io.github.wxlogin.test.WxSimulatorContextCustomizerFactory"))
			.findFirst()
			.orElseThrow();
	}

	ContextCustomizer customizer(Class<?> testClass) {
		return this.factory.createContextCustomizer(testClass, List.of());
	}

	GenericApplicationContext customized(Class<?> testClass) {
		GenericApplicationContext context = new GenericApplicationContext();
		customizer(testClass).customizeContext(context, mock(MergedContextConfiguration.class));
		context.refresh();
		return context;
	}

	@Test
	void customizerWhenNotAnnotatedThenNone() {
		assertThat(customizer(NotAnnotated.class)).isNull();
	}

	@Test
	void customizerWhenEqualAnnotationsThenEqual() {
		assertThat(customizer(DefaultApp.class)).isEqualTo(customizer(DefaultAppAgain.class))
			.hasSameHashCodeAs(customizer(DefaultAppAgain.class))
			.isEqualTo(customizer(DefaultAppInherited.class));
	}

	@Test
	void customizerWhenOtherAppsOrBindingThenNotEqual() {
		assertThat(customizer(DefaultApp.class)).isNotEqualTo(customizer(Unbound.class))
			.isNotEqualTo(customizer(TwoApps.class))
			.isNotEqualTo(customizer(NoApps.class));
	}

	@Test
	void customizerWhenSameAppTwiceThenFails() {
		assertThatIllegalArgumentException().isThrownBy(() -> customizer(SameAppTwice.class))
			.withMessageContaining("wx-a");
	}

	@Test
	void toStringWhenAppsThenNoSecret() {
		assertThat(customizer(TwoApps.class)).asString().contains("wx-a").doesNotContain("secret-a");
	}

	@Test
	void contextWhenOneAppThenAppIdSecretAndBaseUrl() {
		try (GenericApplicationContext context = customized(DefaultApp.class)) {
			WxSimulator simulator = context.getBean(WxSimulator.class);
			assertThat(context.getEnvironment().getProperty("wx.login.api-base-url")).isEqualTo(simulator.baseUrl());
			assertThat(context.getEnvironment().getProperty("wx.login.app-id")).isEqualTo("wx-test-app");
			assertThat(context.getEnvironment().getProperty("wx.login.app-secret")).isEqualTo("wx-test-secret");
			assertThat(simulator.createCode("wx-test-app", "o-a")).isNotBlank();
		}
	}

	@Test
	void contextWhenTwoAppsThenEachUnderAppsAndSingleAppBlank() {
		try (GenericApplicationContext context = customized(TwoApps.class)) {
			var environment = context.getEnvironment();
			assertThat(environment.getProperty("wx.login.apps[wx-a].app-id")).isEqualTo("wx-a");
			assertThat(environment.getProperty("wx.login.apps[wx-b].app-secret")).isEqualTo("secret-b");
			assertThat(environment.getProperty("wx.login.app-id")).isEmpty();
			WxSimulator simulator = context.getBean(WxSimulator.class);
			assertThat(simulator.createCode("wx-a", "o-a")).isNotBlank();
			assertThat(simulator.createCode("wx-b", "o-b")).isNotBlank();
		}
	}

	@Test
	void contextWhenNoAppsThenOnlyBaseUrl() {
		try (GenericApplicationContext context = customized(NoApps.class)) {
			assertThat(context.getEnvironment().getProperty("wx.login.api-base-url")).isNotBlank();
			assertThat(context.getEnvironment().containsProperty("wx.login.app-id")).isFalse();
			assertThatIllegalArgumentException()
				.isThrownBy(() -> context.getBean(WxSimulator.class).createCode("wx-test-app", "o-a"));
		}
	}

	@Test
	void propertiesWhenTestPropertiesSetThenTheyWinOverTheSimulatorsButApplicationsDoNot() {
		GenericApplicationContext context = new GenericApplicationContext();
		var sources = context.getEnvironment().getPropertySources();
		sources.addFirst(new MapPropertySource("application",
				Map.of("wx.login.app-id", "wx-from-application", "wx.login.app-secret", "secret-from-application")));
		sources.addFirst(new MapPropertySource(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME,
				Map.of("wx.login.app-id", "wx-from-test")));
		customizer(DefaultApp.class).customizeContext(context, mock(MergedContextConfiguration.class));
		context.refresh();
		try (context) {
			assertThat(context.getEnvironment().getProperty("wx.login.app-id")).isEqualTo("wx-from-test");
			assertThat(context.getEnvironment().getProperty("wx.login.app-secret")).isEqualTo("wx-test-secret");
		}
	}

	@Test
	void simulatorWhenContextClosedThenStopped() throws Exception {
		String baseUrl;
		try (GenericApplicationContext context = customized(DefaultApp.class)) {
			baseUrl = context.getBean(WxSimulator.class).baseUrl();
			assertThat(get(baseUrl + "/unknown").statusCode()).isEqualTo(404);
		}
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> get(baseUrl + "/unknown"));
	}

	@Test
	void simulatorWhenEachContextThenItsOwn() {
		try (GenericApplicationContext one = customized(DefaultApp.class);
				GenericApplicationContext two = customized(DefaultApp.class)) {
			assertThat(one.getBean(WxSimulator.class)).isNotSameAs(two.getBean(WxSimulator.class));
		}
	}

	private static HttpResponse<Void> get(String url) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding());
	}

	@AutoConfigureWxSimulator(
			apps = { @App(appId = "wx-a", appSecret = "secret-a"), @App(appId = "wx-b", appSecret = "secret-b") })
	static class TwoApps {

	}

	@AutoConfigureWxSimulator(
			apps = { @App(appId = "wx-a", appSecret = "secret-a"), @App(appId = "wx-a", appSecret = "secret-b") })
	static class SameAppTwice {

	}

	@AutoConfigureWxSimulator
	static class DefaultApp {

	}

	@AutoConfigureWxSimulator
	static class DefaultAppAgain {

	}

	static class DefaultAppInherited extends DefaultApp {

	}

	@AutoConfigureWxSimulator(boundToOpenPlatform = false)
	static class Unbound {

	}

	@AutoConfigureWxSimulator(apps = {})
	static class NoApps {

	}

	static class NotAnnotated {

	}

}
