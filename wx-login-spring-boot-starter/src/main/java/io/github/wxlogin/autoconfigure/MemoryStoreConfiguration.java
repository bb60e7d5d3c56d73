package io.github.wxlogin.autoconfigure;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.wxlogin.store.RefreshTokenStore;
import io.github.wxlogin.store.RevokedTokenStore;
import io.github.wxlogin.store.UsedCodeStore;
import io.github.wxlogin.store.WxSessionStore;
import io.github.wxlogin.store.caffeine.CaffeineRefreshTokenStore;
import io.github.wxlogin.store.caffeine.CaffeineRevokedTokenStore;
import io.github.wxlogin.store.caffeine.CaffeineUsedCodeStore;
import io.github.wxlogin.store.caffeine.CaffeineWxSessionStore;

/**
 * The in-memory stores ({@code wx.login.store=memory}, the default): bounded Caffeine
 * caches, for a single instance.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "wx.login.store", havingValue = "memory", matchIfMissing = true)
class MemoryStoreConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WxSessionStore wxSessionStore(WxLoginProperties properties, ObjectProvider<Clock> clock) {
		return new CaffeineWxSessionStore(positive(properties.memory().maxSessionKeys(), "max-session-keys"),
				TokenConfiguration.clock(clock));
	}

	@Bean
	@ConditionalOnMissingBean
	UsedCodeStore usedCodeStore(WxLoginProperties properties, ObjectProvider<Clock> clock) {
		return new CaffeineUsedCodeStore(positive(properties.memory().maxUsedCodes(), "max-used-codes"),
				TokenConfiguration.clock(clock));
	}

	@Bean
	@ConditionalOnMissingBean
	RefreshTokenStore refreshTokenStore(WxLoginProperties properties, ObjectProvider<Clock> clock) {
		return new CaffeineRefreshTokenStore(positive(properties.memory().maxRefreshTokens(), "max-refresh-tokens"),
				positive(properties.memory().maxRevocations(), "max-revocations"), TokenConfiguration.clock(clock));
	}

	@Bean
	@ConditionalOnMissingBean
	RevokedTokenStore revokedTokenStore(WxLoginProperties properties, ObjectProvider<Clock> clock) {
		return new CaffeineRevokedTokenStore(positive(properties.memory().maxRevocations(), "max-revocations"),
				TokenConfiguration.clock(clock));
	}

	private static long positive(long value, String name) {
		if (value <= 0) {
			throw new InvalidConfigurationPropertyValueException("wx.login.memory." + name, value, "Must be 1 or more");
		}
		return value;
	}

}
