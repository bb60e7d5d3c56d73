package io.github.wxlogin.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import io.github.wxlogin.metrics.MicrometerWxLoginMetrics;
import io.github.wxlogin.metrics.WxLoginMetrics;

/**
 * Metrics under {@code wx.login.*} when Micrometer is on the classpath and the
 * application has a {@link MeterRegistry} (Spring Boot Actuator's metrics). Backs off
 * when the application defines its own {@link WxLoginMetrics}.
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnBooleanProperty(name = "wx.login.enabled", matchIfMissing = true)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public final class WxLoginMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WxLoginMetrics wxLoginMetrics(MeterRegistry registry) {
		return new MicrometerWxLoginMetrics(registry);
	}

}
