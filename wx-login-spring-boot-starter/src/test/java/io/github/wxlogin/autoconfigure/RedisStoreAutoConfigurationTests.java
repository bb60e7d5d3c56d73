package io.github.wxlogin.autoconfigure;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.wxlogin.store.RefreshTokenStore;
import io.github.wxlogin.store.RevocationLookup;
import io.github.wxlogin.store.RevokedTokenStore;
import io.github.wxlogin.store.UsedCodeStore;
import io.github.wxlogin.store.WxAccessTokenStore;
import io.github.wxlogin.store.WxLoginSessions;
import io.github.wxlogin.store.WxSessionStore;
import io.github.wxlogin.store.caffeine.CaffeineWxSessionStore;
import io.github.wxlogin.store.redis.RedisKeys;
import io.github.wxlogin.store.redis.RedisRefreshTokenStore;
import io.github.wxlogin.store.redis.RedisRevocationMirror;
import io.github.wxlogin.store.redis.RedisRevokedTokenStore;
import io.github.wxlogin.store.redis.RedisUsedCodeStore;
import io.github.wxlogin.store.redis.RedisWxAccessTokenStore;
import io.github.wxlogin.store.redis.RedisWxSessionStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The choice of store by {@code wx.login.store}. Building the Redis stores needs no
 * running Redis: connections are made on first use.
 */
class RedisStoreAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, SecurityAutoConfiguration.class,
				DataRedisAutoConfiguration.class, WxLoginAutoConfiguration.class))
		.withPropertyValues("wx.login.app-id=wx-store-app", "wx.login.app-secret=store-secret");

	@Test
	void storeWhenDefaultThenMemory() {
		this.contextRunner.run((context) -> {
			assertThat(context).getBean(WxSessionStore.class).isInstanceOf(CaffeineWxSessionStore.class);
			assertThat(context).hasSingleBean(WxLoginSessions.class).doesNotHaveBean(WxAccessTokenStore.class);
		});
	}

	@Test
	void storeWhenRedisThenEveryStoreOnRedis() {
		this.contextRunner.withPropertyValues("wx.login.store=redis").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(WxSessionStore.class)).isInstanceOf(RedisWxSessionStore.class);
			assertThat(context.getBean(UsedCodeStore.class)).isInstanceOf(RedisUsedCodeStore.class);
			assertThat(context.getBean(RefreshTokenStore.class)).isInstanceOf(RedisRefreshTokenStore.class);
			assertThat(context.getBean(RevokedTokenStore.class)).isInstanceOf(RedisRevokedTokenStore.class);
			assertThat(context.getBean(RevocationLookup.class)).isInstanceOf(RedisRevocationMirror.class);
			assertThat(context).hasSingleBean(WxLoginSessions.class);
			assertThat(context.getBean(WxAccessTokenStore.class)).isInstanceOf(RedisWxAccessTokenStore.class);
			assertThat(context.getBean(RedisKeys.class).prefix()).isEqualTo("wx-login:");
		});
	}

	@Test
	void keyPrefixWhenSetThenUsed() {
		this.contextRunner.withPropertyValues("wx.login.store=redis", "wx.login.redis.key-prefix=shop:")
			.run((context) -> assertThat(context.getBean(RedisKeys.class).prefix()).isEqualTo("shop:"));
	}

	@Test
	void keyPrefixWhenBlankOrWithBraceThenFailsNamingTheProperty() {
		for (String prefix : new String[] { " ", "shop{1}:" }) {
			this.contextRunner.withPropertyValues("wx.login.store=redis", "wx.login.redis.key-prefix=" + prefix)
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.hasStackTraceContaining("wx.login.redis.key-prefix"));
		}
	}

	@Test
	void storeWhenRedisAndOwnRevokedTokenStoreThenLookupAsksTheApplicationsStore() {
		Set<String> revoked = Set.of("jti-revoked-by-the-app");
		this.contextRunner.withPropertyValues("wx.login.store=redis")
			.withBean("appRevokedTokenStore", RevokedTokenStore.class, () -> new RevokedTokenStore() {

				@Override
				public void revoke(String tokenId, Instant expiresAt) {
				}

				@Override
				public boolean isRevoked(String tokenId) {
					return revoked.contains(tokenId);
				}

			})
			.run((context) -> {
				assertThat(context).hasNotFailed();
				RevocationLookup lookup = context.getBean(RevocationLookup.class);
				assertThat(lookup).isNotInstanceOf(RedisRevocationMirror.class);
				// answered by the application's store, before Redis is ever asked
				assertThat(lookup.isRevoked("jti-revoked-by-the-app", "any-family")).isTrue();
			});
	}

	@Test
	void storeWhenMemoryThenNoSeparateLookup() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(RevocationLookup.class));
	}

	@Test
	void storeWhenRedisWithoutSpringDataRedisThenFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("wx.login.store=redis")
			.withClassLoader(new FilteredClassLoader(StringRedisTemplate.class))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("wx.login.store")
				.hasMessageContaining("spring-boot-starter-data-redis"));
	}

	@Test
	void storeWhenUnknownValueThenFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("wx.login.store=mongo")
			.run((context) -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining("wx.login.store"));
	}

}
