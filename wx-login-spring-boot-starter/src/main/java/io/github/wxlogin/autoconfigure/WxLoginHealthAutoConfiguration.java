package io.github.wxlogin.autoconfigure;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.wxlogin.authentication.WxApps;
import io.github.wxlogin.token.SigningKey;
import io.github.wxlogin.wechat.WxAccessTokens;

/**
 * The {@code wxLogin} health contributor when Spring Boot's health module is present;
 * {@code management.health.wxlogin.enabled=false} turns it off. It backs off for an
 * application's own bean named {@code wxLoginHealthIndicator}.
 */
@AutoConfiguration(after = WxLoginAutoConfiguration.class,
		afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean({ WxApps.class, SigningKey.class, WxAccessTokens.class })
@ConditionalOnEnabledHealthIndicator("wxlogin")
public final class WxLoginHealthAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "wx.login.store", havingValue = "memory", matchIfMissing = true)
	static class MemoryStoreHealth {

		@Bean
		@ConditionalOnMissingBean(name = "wxLoginHealthIndicator")
		HealthIndicator wxLoginHealthIndicator(SigningKey key, WxLoginProperties properties, WxApps apps,
				WxAccessTokens accessTokens, ObjectProvider<Clock> clock) {
			return new WxLoginHealthIndicator(key, WxLoginHealthIndicator.generatedKey(properties), "memory", null,
					apps, accessTokens, TokenConfiguration.clock(clock));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "wx.login.store", havingValue = "redis")
	@ConditionalOnClass(StringRedisTemplate.class)
	static class RedisStoreHealth {

		@Bean
		@ConditionalOnMissingBean(name = "wxLoginHealthIndicator")
		HealthIndicator wxLoginHealthIndicator(SigningKey key, WxLoginProperties properties, WxApps apps,
				WxAccessTokens accessTokens, ObjectProvider<Clock> clock, StringRedisTemplate redis) {
			Runnable ping = () -> redis.execute((RedisCallback<String>) (connection) -> connection.ping());
			return new WxLoginHealthIndicator(key, WxLoginHealthIndicator.generatedKey(properties), "redis", ping, apps,
					accessTokens, TokenConfiguration.clock(clock));
		}

	}

}
