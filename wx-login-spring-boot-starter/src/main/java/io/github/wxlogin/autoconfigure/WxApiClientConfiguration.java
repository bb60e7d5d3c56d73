package io.github.wxlogin.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import io.github.wxlogin.authentication.WxApiFailures;
import io.github.wxlogin.authentication.WxApps;
import io.github.wxlogin.metrics.WxLoginMetrics;
import io.github.wxlogin.store.WxAccessTokenStore;
import io.github.wxlogin.wechat.ObservedWxApiClient;
import io.github.wxlogin.wechat.RestClientWxApiClient;
import io.github.wxlogin.wechat.StableAccessTokens;
import io.github.wxlogin.wechat.WxAccessTokens;
import io.github.wxlogin.wechat.WxApiClient;
import io.github.wxlogin.wechat.WxApiRestClientCustomizer;
import io.github.wxlogin.wechat.WxApp;

/**
 * The configured mini-programs and the client of WeChat's server API.
 */
@Configuration(proxyBeanMethods = false)
class WxApiClientConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WxApps wxApps(WxLoginProperties properties) {
		List<WxApp> apps = new ArrayList<>();
		if (StringUtils.hasText(properties.appId()) || StringUtils.hasText(properties.appSecret())) {
			apps.add(app("wx.login", properties.appId(), properties.appSecret()));
		}
		for (Map.Entry<String, WxLoginProperties.App> entry : properties.apps().entrySet()) {
			apps.add(app("wx.login.apps." + entry.getKey(), entry.getValue().appId(), entry.getValue().appSecret()));
		}
		if (apps.isEmpty()) {
			throw new InvalidConfigurationPropertyValueException("wx.login.app-id", null,
					"A mini-program is required: set wx.login.app-id and wx.login.app-secret "
							+ "(or wx.login.apps.<name>.app-id and .app-secret)");
		}
		try {
			return new WxApps(apps);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("wx.login.apps", null, ex.getMessage());
		}
	}

	private static WxApp app(String prefix, @Nullable String appId, @Nullable String appSecret) {
		if (!StringUtils.hasText(appId)) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".app-id", appId,
					"The app id must be set (with " + prefix + ".app-secret)");
		}
		if (!StringUtils.hasText(appSecret)) {
			throw new SecretPropertyException(prefix + ".app-secret",
					"the app secret must be set (with " + prefix + ".app-id)");
		}
		return new WxApp(appId.trim(), appSecret.trim());
	}

	@Bean
	@ConditionalOnMissingBean
	WxApiClient wxApiClient(WxLoginProperties properties, ObjectProvider<JsonMapper> jsonMapper,
			ObjectProvider<WxApiRestClientCustomizer> customizers) {
		WxLoginProperties.Http http = properties.http();
		RestClient.Builder builder = RestClientWxApiClient.restClientBuilder(properties.apiBaseUrl(),
				http.connectTimeout(), http.readTimeout());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return new RestClientWxApiClient(builder.build(), jsonMapper.getIfAvailable(JsonMapper::shared));
	}

	@Bean
	@ConditionalOnMissingBean
	WxAccessTokens stableAccessTokens(WxApiClient wechat, ObjectProvider<Clock> clock,
			ObjectProvider<WxLoginMetrics> metrics, ObjectProvider<WxAccessTokenStore> shared) {
		return new StableAccessTokens(ObservedWxApiClient.observe(wechat, LoginProviderConfiguration.metrics(metrics)),
				TokenConfiguration.clock(clock), shared.getIfUnique());
	}

	@Bean
	@ConditionalOnMissingBean
	WxApiFailures wxApiFailures() {
		return WxApiFailures.standard();
	}

}
