package io.github.wxlogin.autoconfigure;

import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.StringUtils;

import io.github.wxlogin.store.RefreshTokenStore;
import io.github.wxlogin.store.RevocationLookup;
import io.github.wxlogin.store.RevokedTokenStore;
import io.github.wxlogin.store.UsedCodeStore;
import io.github.wxlogin.store.WxAccessTokenStore;
import io.github.wxlogin.store.WxSessionStore;
import io.github.wxlogin.store.redis.RedisKeys;
import io.github.wxlogin.store.redis.RedisRefreshTokenStore;
import io.github.wxlogin.store.redis.RedisRevocationFeed;
import io.github.wxlogin.store.redis.RedisRevocationLookup;
import io.github.wxlogin.store.redis.RedisRevocationMirror;
import io.github.wxlogin.store.redis.RedisRevokedTokenStore;
import io.github.wxlogin.store.redis.RedisUsedCodeStore;
import io.github.wxlogin.store.redis.RedisWxAccessTokenStore;
import io.github.wxlogin.store.redis.RedisWxSessionStore;

/**
 * The Redis stores ({@code wx.login.store=redis}), shared by every instance, on Spring
 * Boot's Redis connection ({@code spring.data.redis.*}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "wx.login.store", havingValue = "redis")
class RedisStoreConfiguration {

	/** Redis command and connect timeout when the application sets none. */
	static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ StringRedisTemplate.class, LettuceClientConfigurationBuilderCustomizer.class })
	static class RedisStores {

		@Bean
		@ConditionalOnMissingBean
		RedisKeys wxLoginRedisKeys(WxLoginProperties properties) {
			String prefix = properties.redis().keyPrefix();
			if (!StringUtils.hasText(prefix) || prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
				throw new InvalidConfigurationPropertyValueException("wx.login.redis.key-prefix", prefix,
						"The key prefix must not be blank or contain '{' or '}' (the keys carry hash tags)");
			}
			return new RedisKeys(prefix);
		}

		/**
		 * Revocations are announced for as long as an access token lives.
		 */
		@Bean
		@ConditionalOnMissingBean
		RedisRevocationFeed wxLoginRedisRevocationFeed(StringRedisTemplate redis, RedisKeys keys,
				WxLoginProperties properties) {
			return new RedisRevocationFeed(redis, keys,
					TokenConfiguration.positive(properties.jwt().accessTokenTtl(), "wx.login.jwt.access-token-ttl"));
		}

		@Bean
		@ConditionalOnMissingBean
		WxSessionStore wxSessionStore(StringRedisTemplate redis, RedisKeys keys) {
			return new RedisWxSessionStore(redis, keys);
		}

		@Bean
		@ConditionalOnMissingBean
		UsedCodeStore usedCodeStore(StringRedisTemplate redis, RedisKeys keys) {
			return new RedisUsedCodeStore(redis, keys);
		}

		@Bean
		@ConditionalOnMissingBean
		RefreshTokenStore refreshTokenStore(StringRedisTemplate redis, RedisKeys keys, RedisRevocationFeed feed) {
			return new RedisRefreshTokenStore(redis, keys, feed);
		}

		@Bean
		@ConditionalOnMissingBean
		RevokedTokenStore revokedTokenStore(StringRedisTemplate redis, RedisKeys keys, RedisRevocationFeed feed) {
			return new RedisRevokedTokenStore(redis, keys, feed);
		}

		/**
		 * The WeChat access token of each app, shared by every instance.
		 */
		@Bean
		@ConditionalOnMissingBean
		WxAccessTokenStore wxAccessTokenStore(StringRedisTemplate redis, RedisKeys keys) {
			return new RedisWxAccessTokenStore(redis, keys);
		}

		/**
		 * When both stores are ours, bearer requests are answered from this instance's
		 * mirror of the revocation stream, and with one round trip for both questions
		 * while the mirror is not fresh; the two stores asked in turn when the
		 * application replaced either.
		 */
		@Bean
		@ConditionalOnMissingBean
		RevocationLookup revocationLookup(RevokedTokenStore revokedTokens, RefreshTokenStore refreshTokens,
				StringRedisTemplate redis, RedisConnectionFactory connections, RedisKeys keys,
				RedisRevocationFeed feed) {
			if (revokedTokens instanceof RedisRevokedTokenStore && refreshTokens instanceof RedisRefreshTokenStore) {
				return new RedisRevocationMirror(connections, keys, feed, new RedisRevocationLookup(redis, keys));
			}
			return RevocationLookup.of(revokedTokens, refreshTokens);
		}

		/**
		 * A Redis that is down or hangs must be answered with
		 * {@code 503 store_unavailable} within seconds: unless the application set
		 * {@code spring.data.redis.timeout}, commands time out after
		 * {@link #DEFAULT_TIMEOUT} instead of Lettuce's 60 s.
		 */
		@Bean
		LettuceClientConfigurationBuilderCustomizer wxLoginRedisCommandTimeout(Environment environment) {
			return (builder) -> {
				if (!environment.containsProperty("spring.data.redis.timeout")) {
					builder.commandTimeout(DEFAULT_TIMEOUT);
				}
			};
		}

		/**
		 * Likewise for connecting, unless {@code spring.data.redis.connect-timeout} is
		 * set.
		 */
		@Bean
		LettuceClientOptionsBuilderCustomizer wxLoginRedisConnectTimeout(Environment environment) {
			return (ClientOptions.Builder builder) -> {
				if (!environment.containsProperty("spring.data.redis.connect-timeout")) {
					builder.socketOptions(SocketOptions.builder().connectTimeout(DEFAULT_TIMEOUT).build());
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.data.redis.core.StringRedisTemplate")
	static class RedisMissing {

		@Bean
		RedisKeys wxLoginRedisKeys() {
			throw new InvalidConfigurationPropertyValueException("wx.login.store", "redis",
					"The Redis store needs Spring Data Redis: add the dependency "
							+ "org.springframework.boot:spring-boot-starter-data-redis");
		}

	}

}
