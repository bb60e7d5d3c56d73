package io.github.wxlogin.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import io.github.wxlogin.metrics.MicrometerWxLoginMetrics;
import io.github.wxlogin.metrics.WxLoginMetrics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metrics are auto-configured with a {@link MeterRegistry} and back off without one,
 * without Micrometer, with the application's own, or with the starter off.
 */
class WxLoginMetricsAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, SecurityAutoConfiguration.class,
				WxLoginAutoConfiguration.class, WxLoginMetricsAutoConfiguration.class))
		.withPropertyValues("wx.login.app-id=wx-metrics-app", "wx.login.app-secret=metrics-secret");

	@Test
	void metricsWhenMeterRegistryThenMicrometerMetricsAndStartingMeters() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			assertThat(context).getBean(WxLoginMetrics.class).isInstanceOf(MicrometerWxLoginMetrics.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("wx.login.token.cache.lookups").counters()).hasSize(2);
			assertThat(registry.find("wx.login.logouts").counter()).isNotNull();
		});
	}

	@Test
	void metricsWhenNoMeterRegistryThenNone() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WxLoginMetrics.class));
	}

	@Test
	void metricsWhenMicrometerMissingThenNone() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WxLoginMetrics.class));
	}

	@Test
	void metricsWhenApplicationHasItsOwnThenBackOff() {
		WxLoginMetrics own = new WxLoginMetrics() {
		};
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withBean(WxLoginMetrics.class, () -> own)
			.run((context) -> assertThat(context).getBean(WxLoginMetrics.class).isSameAs(own));
	}

	@Test
	void metricsWhenStarterDisabledThenNone() {
		this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("wx.login.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WxLoginMetrics.class));
	}

}
