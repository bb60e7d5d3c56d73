package io.github.wxlogin.sample.demo;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.util.StringUtils;

import io.github.wxlogin.test.simulator.WxSimulator;

/**
 * Demo mode: when no WeChat credentials are given at all (no {@code WX_APP_ID} or
 * {@code WX_APP_SECRET} variable, even blank; no {@code wx.login.app-id},
 * {@code wx.login.app-secret} or {@code wx.login.apps.*}), start the WeChat simulator on
 * a free local port and point the starter at it, with a demo app id and secret.
 * {@code WX_APP_ID} or {@code WX_APP_SECRET} set but blank fails start-up naming the
 * variable, rather than falling back to the simulator. {@code wx.demo.enabled=false}
 * turns demo mode off. The DEMO MODE warning is logged once logging is set up (deferred
 * log).
 */
public class DemoModeEnvironmentPostProcessor implements EnvironmentPostProcessor {

	/** The demo's app id. */
	public static final String DEMO_APP_ID = "wx-demo-sample";

	static final String PROPERTY_SOURCE = "wxLoginDemo";

	static final String SIMULATOR_PROPERTY = "wx.demo.simulator";

	/** The variables the sample takes its credentials from. */
	static final String[] CREDENTIAL_VARIABLES = { "WX_APP_ID", "WX_APP_SECRET" };

	private final Log logger;

	public DemoModeEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(DemoModeEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		for (String variable : CREDENTIAL_VARIABLES) {
			if (environment.containsProperty(variable) && !StringUtils.hasText(environment.getProperty(variable))) {
				throw new InvalidConfigurationPropertyValueException(variable, "",
						variable + " is set but blank: set it (with the other of WX_APP_ID and WX_APP_SECRET), "
								+ "or unset both to run the demo with the embedded WeChat simulator");
			}
		}
		if (!environment.getProperty("wx.demo.enabled", Boolean.class, true) || credentialsGiven(environment)) {
			return;
		}
		String secret = java.util.UUID.randomUUID().toString();
		if (Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
			// build-time AOT processing: the same conditions as a demo run, but no
			// simulator, whose
			// non-daemon server thread would keep the AOT process from ever exiting (the
			// context is
			// never started, so nothing would close it); the run itself starts one as
			// usual
			environment.getPropertySources()
				.addFirst(new MapPropertySource(PROPERTY_SOURCE, Map.of("wx.login.app-id", DEMO_APP_ID,
						"wx.login.app-secret", secret, "wx.demo.enabled", "true")));
			return;
		}
		WxSimulator simulator = WxSimulator.start();
		simulator.registerApp(DEMO_APP_ID, secret, true);
		environment.getPropertySources()
			.addFirst(new MapPropertySource(PROPERTY_SOURCE,
					Map.of("wx.login.app-id", DEMO_APP_ID, "wx.login.app-secret", secret, "wx.login.api-base-url",
							simulator.baseUrl(), "wx.demo.enabled", "true", SIMULATOR_PROPERTY, simulator)));
		this.logger.warn("wx-login DEMO MODE: no WeChat app configured, so an embedded WeChat simulator serves "
				+ simulator.baseUrl() + " (set wx.login.app-id and wx.login.app-secret to use a real one)");
	}

	private static boolean credentialsGiven(ConfigurableEnvironment environment) {
		for (String variable : CREDENTIAL_VARIABLES) {
			if (environment.containsProperty(variable)) {
				return true;
			}
		}
		if (StringUtils.hasText(environment.getProperty("wx.login.app-id"))
				|| StringUtils.hasText(environment.getProperty("wx.login.app-secret"))) {
			return true;
		}
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					if (name.startsWith("wx.login.apps.") || name.startsWith("WX_LOGIN_APPS_")) {
						return true;
					}
				}
			}
		}
		return false;
	}

	/**
	 * @return the simulator started for this environment, or {@code null} outside demo
	 * mode
	 */
	static WxSimulator simulator(ConfigurableEnvironment environment) {
		PropertySource<?> source = environment.getPropertySources().get(PROPERTY_SOURCE);
		return (source != null) ? (WxSimulator) source.getProperty(SIMULATOR_PROPERTY) : null;
	}

}
