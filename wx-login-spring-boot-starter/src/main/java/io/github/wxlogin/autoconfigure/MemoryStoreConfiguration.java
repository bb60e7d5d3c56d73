package io.github.wxlogin.autoconfigure;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
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

	/** Entries per cache; each is well under a kilobyte. */
	static final long MAXIMUM_SIZE = 1_000_000;

	@Bean
	@ConditionalOnMissingBean
	WxSessionStore wxSessionStore(ObjectProvider<Clock> clock) {
		return new CaffeineWxSessionStore(MAXIMUM_SIZE, TokenConfiguration.clock(clock));
	}

	@Bean
	@ConditionalOnMissingBean
	UsedCodeStore usedCodeStore(ObjectProvider<Clock> clock) {
		return new CaffeineUsedCodeStore(MAXIMUM_SIZE, TokenConfiguration.clock(clock));
	}

	@Bean
	@ConditionalOnMissingBean
	RefreshTokenStore refreshTokenStore(ObjectProvider<Clock> clock) {
		return new CaffeineRefreshTokenStore(MAXIMUM_SIZE, TokenConfiguration.clock(clock));
	}

	@Bean
	@ConditionalOnMissingBean
	RevokedTokenStore revokedTokenStore(ObjectProvider<Clock> clock) {
		return new CaffeineRevokedTokenStore(MAXIMUM_SIZE, TokenConfiguration.clock(clock));
	}

}
