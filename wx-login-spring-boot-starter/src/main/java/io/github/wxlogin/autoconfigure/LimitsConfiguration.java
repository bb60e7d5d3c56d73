package io.github.wxlogin.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.wxlogin.authentication.WxLoginLimits;
import io.github.wxlogin.limits.RateLimit;
import io.github.wxlogin.limits.RateLimiter;
import io.github.wxlogin.metrics.WxLoginMetrics;
import io.github.wxlogin.store.caffeine.CaffeineRateLimiter;
import io.github.wxlogin.store.redis.RedisKeys;
import io.github.wxlogin.store.redis.RedisRateLimiter;

/**
 * The abuse limits ({@code wx.login.limits.*}) and their counters, kept where the login
 * store is: Caffeine for {@code wx.login.store=memory}, Redis for {@code redis}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WxLoginLimitsProperties.class)
class LimitsConfiguration {

	/** Counters kept in memory; an address or user needs one per limit. */
	static final long MAXIMUM_COUNTERS = 100_000;

	@Bean
	@ConditionalOnMissingBean
	WxLoginLimits wxLoginLimits(WxLoginLimitsProperties properties, RateLimiter limiter,
			ObjectProvider<WxLoginMetrics> metrics) {
		List<RateLimit> limits = new ArrayList<>();
		if (properties.enabled()) {
			WxLoginLimitsProperties.LoginFailures login = properties.loginFailures();
			add(limits, WxLoginLimits.LOGIN_FAILURES, login.enabled(), login.max(), login.window());
			WxLoginLimitsProperties.Code2session code2session = properties.code2session();
			add(limits, WxLoginLimits.CODE2SESSION, code2session.enabled(), code2session.max(), code2session.window());
			WxLoginLimitsProperties.DataFailures data = properties.dataFailures();
			add(limits, WxLoginLimits.DATA_FAILURES, data.enabled(), data.max(), data.window());
			WxLoginLimitsProperties.RefreshFailures refresh = properties.refreshFailures();
			add(limits, WxLoginLimits.REFRESH_FAILURES, refresh.enabled(), refresh.max(), refresh.window());
			WxLoginLimitsProperties.PhoneCalls phone = properties.phoneCalls();
			add(limits, WxLoginLimits.PHONE_CALLS, phone.enabled(), phone.max(), phone.window());
		}
		return new WxLoginLimits(limiter, limits, LoginProviderConfiguration.metrics(metrics));
	}

	private static void add(List<RateLimit> limits, String name, boolean enabled, int max, Duration window) {
		if (!enabled) {
			return;
		}
		String prefix = "wx.login.limits." + name + ".";
		if (max < 1) {
			throw new InvalidConfigurationPropertyValueException(prefix + "max", max,
					"Must be at least 1 (turn the limit off with " + prefix + "enabled=false)");
		}
		if (window.toMillis() < 1) {
			throw new InvalidConfigurationPropertyValueException(prefix + "window", window, "Must be at least 1ms");
		}
		limits.add(new RateLimit(name, max, window));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "wx.login.store", havingValue = "memory", matchIfMissing = true)
	static class MemoryCounters {

		@Bean
		@ConditionalOnMissingBean
		RateLimiter wxLoginRateLimiter(ObjectProvider<Clock> clock) {
			return new CaffeineRateLimiter(MAXIMUM_COUNTERS, TokenConfiguration.clock(clock));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "wx.login.store", havingValue = "redis")
	@ConditionalOnClass(StringRedisTemplate.class)
	static class RedisCounters {

		@Bean
		@ConditionalOnMissingBean
		RateLimiter wxLoginRateLimiter(StringRedisTemplate redis, RedisKeys keys) {
			return new RedisRateLimiter(redis, keys);
		}

	}

}
