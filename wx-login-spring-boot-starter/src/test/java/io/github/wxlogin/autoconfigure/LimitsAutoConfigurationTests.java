package io.github.wxlogin.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import io.github.wxlogin.authentication.WxLoginException;
import io.github.wxlogin.authentication.WxLoginLimits;
import io.github.wxlogin.limits.RateLimit;
import io.github.wxlogin.limits.RateLimiter;
import io.github.wxlogin.store.caffeine.CaffeineRateLimiter;
import io.github.wxlogin.store.redis.RedisRateLimiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The abuse limits ({@code wx.login.limits.*}): on by default, counters where the store
 * is, each limit tunable and switchable, bad values named.
 */
class LimitsAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, SecurityAutoConfiguration.class,
				DataRedisAutoConfiguration.class, WxLoginAutoConfiguration.class))
		.withPropertyValues("wx.login.app-id=wx-limits-app", "wx.login.app-secret=limits-secret");

	@Test
	void limitsWhenDefaultThenOnWithCountersInMemory() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(WxLoginLimits.class);
			assertThat(context.getBean(RateLimiter.class)).isInstanceOf(CaffeineRateLimiter.class);
			WxLoginLimits limits = context.getBean(WxLoginLimits.class);
			for (int i = 0; i < 30; i++) {
				limits.loginFailed("198.51.100.1");
			}
			assertThatExceptionOfType(WxLoginException.class)
				.isThrownBy(() -> limits.checkLoginFailures("198.51.100.1"));
			assertThatNoException().isThrownBy(() -> limits.checkLoginFailures("198.51.100.2"));
		});
	}

	@Test
	void limitsWhenRedisStoreThenCountersInRedis() {
		this.contextRunner.withPropertyValues("wx.login.store=redis")
			.run((context) -> assertThat(context.getBean(RateLimiter.class)).isInstanceOf(RedisRateLimiter.class));
	}

	@Test
	void limitsWhenOneTurnedOffThenOthersStayOn() {
		this.contextRunner.withPropertyValues("wx.login.limits.phone-calls.enabled=false").run((context) -> {
			WxLoginLimits limits = context.getBean(WxLoginLimits.class);
			for (int i = 0; i < 100; i++) {
				limits.acquirePhoneCall("wx-limits-app", "o-many");
			}
			for (int i = 0; i < 10; i++) {
				limits.dataFailed("wx-limits-app", "o-many");
			}
			assertThatExceptionOfType(WxLoginException.class)
				.isThrownBy(() -> limits.checkDataFailures("wx-limits-app", "o-many"));
		});
	}

	@Test
	void limitsWhenAllTurnedOffThenNothingCounted() {
		this.contextRunner.withPropertyValues("wx.login.limits.enabled=false").run((context) -> {
			WxLoginLimits limits = context.getBean(WxLoginLimits.class);
			for (int i = 0; i < 200; i++) {
				limits.acquireCode2Session("wx-limits-app");
			}
		});
	}

	@Test
	void limitsWhenTunedThenApplied() {
		this.contextRunner
			.withPropertyValues("wx.login.limits.code2session.max=2", "wx.login.limits.code2session.window=1h")
			.run((context) -> {
				WxLoginLimits limits = context.getBean(WxLoginLimits.class);
				limits.acquireCode2Session("wx-limits-app");
				limits.acquireCode2Session("wx-limits-app");
				assertThatExceptionOfType(WxLoginException.class)
					.isThrownBy(() -> limits.acquireCode2Session("wx-limits-app"))
					.satisfies((ex) -> assertThat(ex.getRetryAfter()).isGreaterThan(Duration.ofMinutes(59)));
			});
	}

	@Test
	void limitsWhenMaxBelowOneThenFailureNamesTheProperty() {
		this.contextRunner.withPropertyValues("wx.login.limits.login-failures.max=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("wx.login.limits.login-failures.max"));
	}

	@Test
	void limitsWhenWindowNotPositiveThenFailureNamesTheProperty() {
		this.contextRunner.withPropertyValues("wx.login.limits.refresh-failures.window=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("wx.login.limits.refresh-failures.window"));
	}

	@Test
	void limitsWhenApplicationCountersThenBackOff() {
		RateLimiter own = new RateLimiter() {

			@Override
			public @Nullable Duration consume(String key, RateLimit limit) {
				return Duration.ofSeconds(7);
			}

			@Override
			public @Nullable Duration check(String key, RateLimit limit) {
				return null;
			}

		};
		this.contextRunner.withBean(RateLimiter.class, () -> own).run((context) -> {
			assertThat(context.getBean(RateLimiter.class)).isSameAs(own);
			assertThatExceptionOfType(WxLoginException.class)
				.isThrownBy(() -> context.getBean(WxLoginLimits.class).acquireCode2Session("wx-limits-app"));
		});
	}

}
