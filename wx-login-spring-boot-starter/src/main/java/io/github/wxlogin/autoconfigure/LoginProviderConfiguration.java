package io.github.wxlogin.autoconfigure;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import io.github.wxlogin.authentication.DefaultWxUserService;
import io.github.wxlogin.authentication.RefreshTokenAuthenticationProvider;
import io.github.wxlogin.authentication.WxApiFailures;
import io.github.wxlogin.authentication.WxApps;
import io.github.wxlogin.authentication.WxJwtAuthenticationConverter;
import io.github.wxlogin.authentication.WxLoginAuthenticationProvider;
import io.github.wxlogin.authentication.WxLoginLimits;
import io.github.wxlogin.authentication.WxOpenDataService;
import io.github.wxlogin.authentication.WxUserService;
import io.github.wxlogin.crypto.EncryptedDataDecryptor;
import io.github.wxlogin.metrics.WxLoginMetrics;
import io.github.wxlogin.store.UsedCodeStore;
import io.github.wxlogin.store.WxSessionStore;
import io.github.wxlogin.token.RefreshTokenRotation;
import io.github.wxlogin.token.WxTokenGenerator;
import io.github.wxlogin.web.ProblemResponseWriter;
import io.github.wxlogin.web.WxLoginEndpoints;
import io.github.wxlogin.wechat.ObservedWxApiClient;
import io.github.wxlogin.wechat.WxAccessTokens;
import io.github.wxlogin.wechat.WxApiClient;

/**
 * The login provider and what it needs from the application: its users and the paths.
 */
@Configuration(proxyBeanMethods = false)
class LoginProviderConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WxUserService wxUserService() {
		return new DefaultWxUserService();
	}

	@Bean
	@ConditionalOnMissingBean
	EncryptedDataDecryptor wxEncryptedDataDecryptor(ObjectProvider<JsonMapper> jsonMapper) {
		return new EncryptedDataDecryptor(jsonMapper.getIfAvailable(JsonMapper::shared));
	}

	@Bean
	@ConditionalOnMissingBean
	WxLoginAuthenticationProvider wxLoginAuthenticationProvider(WxApps apps, WxApiClient wechat, WxApiFailures failures,
			UsedCodeStore usedCodes, WxSessionStore sessions, WxLoginProperties properties,
			EncryptedDataDecryptor decryptor, WxUserService users, RefreshTokenRotation refreshTokens,
			WxTokenGenerator accessTokens, WxLoginLimits limits, ObjectProvider<WxLoginMetrics> metrics) {
		WxLoginMetrics observer = metrics(metrics);
		WxLoginAuthenticationProvider provider = new WxLoginAuthenticationProvider(apps,
				ObservedWxApiClient.observe(wechat, observer), failures, usedCodes, sessions,
				properties.jwt().refreshTokenTtl(), decryptor, users, refreshTokens, accessTokens, limits, observer);
		if (properties.usedCodeTtl().compareTo(Duration.ofMinutes(5)) < 0) {
			throw new InvalidConfigurationPropertyValueException("wx.login.used-code-ttl", properties.usedCodeTtl(),
					"Must be at least 5m: a code can be exchanged at WeChat for five minutes, and a shorter memory "
							+ "would let it be replayed");
		}
		provider.setUsedCodeTtl(properties.usedCodeTtl());
		return provider;
	}

	@Bean
	@ConditionalOnMissingBean
	RefreshTokenAuthenticationProvider refreshTokenAuthenticationProvider(WxApps apps,
			RefreshTokenRotation refreshTokens, WxUserService users, WxTokenGenerator accessTokens,
			ObjectProvider<WxLoginMetrics> metrics) {
		return new RefreshTokenAuthenticationProvider(apps, refreshTokens, users, accessTokens, metrics(metrics));
	}

	static WxLoginMetrics metrics(ObjectProvider<WxLoginMetrics> metrics) {
		return metrics.getIfAvailable(() -> WxLoginMetrics.NONE);
	}

	@Bean
	@ConditionalOnMissingBean
	WxJwtAuthenticationConverter wxJwtAuthenticationConverter() {
		return new WxJwtAuthenticationConverter();
	}

	@Bean
	@ConditionalOnMissingBean
	WxOpenDataService wxOpenDataService(WxApps apps, WxApiClient wechat, WxAccessTokens accessTokens,
			WxApiFailures failures, WxSessionStore sessions, EncryptedDataDecryptor decryptor, WxUserService users,
			WxLoginLimits limits, ObjectProvider<WxLoginMetrics> metrics) {
		return new WxOpenDataService(apps, ObservedWxApiClient.observe(wechat, metrics(metrics)), accessTokens,
				failures, sessions, decryptor, users, limits);
	}

	@Bean
	@ConditionalOnMissingBean
	WxLoginEndpoints wxLoginEndpoints(WxLoginProperties properties) {
		return new WxLoginEndpoints(properties.loginPath(), properties.refreshPath(), properties.logoutPath(),
				properties.phonePath(), properties.profilePath(), properties.jwt().jwksPath());
	}

	@Bean
	@ConditionalOnMissingBean
	ProblemResponseWriter wxProblemResponseWriter(ObjectProvider<JsonMapper> jsonMapper) {
		return ProblemResponseWriter.json(jsonMapper.getIfAvailable(JsonMapper::shared));
	}

}
