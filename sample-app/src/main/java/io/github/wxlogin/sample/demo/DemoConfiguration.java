package io.github.wxlogin.sample.demo;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

import io.github.wxlogin.test.simulator.WxSimulator;

/**
 * Demo mode's beans: the embedded simulator (closed with the context) and the endpoints
 * that play the mini-program's side.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "wx.demo.enabled")
class DemoConfiguration {

	@Bean(destroyMethod = "close")
	WxSimulator wxSimulator(ConfigurableEnvironment environment) {
		WxSimulator simulator = DemoModeEnvironmentPostProcessor.simulator(environment);
		if (simulator == null) {
			throw new IllegalStateException("wx.demo.enabled=true is set by demo mode only: "
					+ "leave it unset and configure no app to run the demo");
		}
		return simulator;
	}

}
