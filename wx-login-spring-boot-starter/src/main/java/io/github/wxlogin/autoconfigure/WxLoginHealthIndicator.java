package io.github.wxlogin.autoconfigure;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.github.wxlogin.authentication.WxApps;
import io.github.wxlogin.token.SigningKey;
import io.github.wxlogin.wechat.WxAccessTokens;
import io.github.wxlogin.wechat.WxApp;

/**
 * The {@code wxLogin} health: the signing key (algorithm, key id, whether it was
 * generated at start-up), the store ({@code DOWN} when Redis cannot be reached) and each
 * app's WeChat access_token as cached here ({@code none} until the first phone-number
 * call, {@code cached} with its refresh time, or {@code stale}, fetched again on next
 * use). It never calls WeChat, and shows no secret or token.
 */
final class WxLoginHealthIndicator extends AbstractHealthIndicator {

	private final SigningKey key;

	private final boolean generatedKey;

	private final String store;

	private final @Nullable Runnable storeCheck;

	private final WxApps apps;

	private final WxAccessTokens accessTokens;

	private final Clock clock;

	/**
	 * @param storeCheck throws when the store cannot be reached; {@code null} for memory
	 */
	WxLoginHealthIndicator(SigningKey key, boolean generatedKey, String store, @Nullable Runnable storeCheck,
			WxApps apps, WxAccessTokens accessTokens, Clock clock) {
		super("wx-login health check failed");
		this.key = Objects.requireNonNull(key, "key");
		this.generatedKey = generatedKey;
		this.store = Objects.requireNonNull(store, "store");
		this.storeCheck = storeCheck;
		this.apps = Objects.requireNonNull(apps, "apps");
		this.accessTokens = Objects.requireNonNull(accessTokens, "accessTokens");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Map<String, Object> signingKey = new LinkedHashMap<>();
		signingKey.put("algorithm", this.key.algorithm().getName());
		signingKey.put("keyId", this.key.keyId());
		signingKey.put("generated", this.generatedKey);
		builder.withDetail("signingKey", signingKey);

		Map<String, Object> store = new LinkedHashMap<>();
		store.put("type", this.store);
		boolean storeUp = true;
		if (this.storeCheck != null) {
			try {
				this.storeCheck.run();
				store.put("status", "UP");
			}
			catch (RuntimeException ex) {
				storeUp = false;
				store.put("status", "DOWN");
				store.put("error", ex.getClass().getSimpleName());
			}
		}
		builder.withDetail("store", store);

		Map<String, Object> apps = new LinkedHashMap<>();
		Instant now = this.clock.instant();
		for (WxApp app : this.apps.all()) {
			Map<String, Object> accessToken = new LinkedHashMap<>();
			Instant until = this.accessTokens.cachedUntil(app.appId());
			if (until == null) {
				accessToken.put("state", "none");
			}
			else {
				accessToken.put("state", now.isBefore(until) ? "cached" : "stale");
				accessToken.put("refreshAt", until.toString());
			}
			apps.put(app.appId(), Map.of("accessToken", accessToken));
		}
		builder.withDetail("apps", apps);
		if (storeUp) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

	/** Whether the signing key was generated at start-up (none configured). */
	static boolean generatedKey(WxLoginProperties properties) {
		return properties.jwt().privateKey() == null && properties.jwt().secret() == null;
	}

}
