package io.github.wxlogin.metrics;

import java.time.Duration;
import java.util.Objects;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@link WxLoginMetrics} in a Micrometer {@link MeterRegistry}. Every meter is named
 * {@code wx.login.*} and tagged with bounded values only (see the README's list).
 * <p>
 * Thread-safe.
 */
public final class MicrometerWxLoginMetrics implements WxLoginMetrics {

	/** Logins by {@code app} and {@code outcome} ({@code success} or the error code). */
	public static final String LOGINS = "wx.login.logins";

	/**
	 * Refreshes by {@code outcome}: {@code rotated}, {@code reuse_detected},
	 * {@code refused}.
	 */
	public static final String REFRESHES = "wx.login.refreshes";

	/** Logouts. */
	public static final String LOGOUTS = "wx.login.logouts";

	/** Revoked logins by {@code reason}. */
	public static final String REVOCATIONS = "wx.login.revocations";

	/** Verified-token cache lookups by {@code result}: {@code hit}, {@code miss}. */
	public static final String TOKEN_CACHE = "wx.login.token.cache.lookups";

	/** Calls to WeChat by {@code api} and {@code outcome}, timed. */
	public static final String WECHAT_CALLS = "wx.login.wechat.calls";

	/** Fetches of an app's WeChat access_token by {@code app} and {@code outcome}. */
	public static final String ACCESS_TOKEN_FETCHES = "wx.login.wechat.access.token.fetches";

	/** Requests refused by an abuse limit, by {@code limit}. */
	public static final String RATE_LIMITED = "wx.login.limits.rejections";

	private final MeterRegistry registry;

	private final Counter cacheHits;

	private final Counter cacheMisses;

	public MicrometerWxLoginMetrics(MeterRegistry registry) {
		this.registry = Objects.requireNonNull(registry, "registry");
		this.cacheHits = cacheLookups(registry, "hit");
		this.cacheMisses = cacheLookups(registry, "miss");
		// the meters an operator alerts on exist from the start, at zero
		Counter.builder(LOGOUTS).description("Logouts").register(registry);
	}

	private static Counter cacheLookups(MeterRegistry registry, String result) {
		return Counter.builder(TOKEN_CACHE)
			.description("Lookups of bearer tokens in the verified-token cache")
			.tag("result", result)
			.register(registry);
	}

	@Override
	public void login(String appId, String outcome) {
		Counter.builder(LOGINS)
			.description("Logins by app and outcome")
			.tag("app", appId)
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
	}

	@Override
	public void refresh(String outcome) {
		Counter.builder(REFRESHES)
			.description("Refresh-token exchanges by outcome")
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
	}

	@Override
	public void logout() {
		Counter.builder(LOGOUTS).description("Logouts").register(this.registry).increment();
	}

	@Override
	public void revocation(String reason) {
		Counter.builder(REVOCATIONS)
			.description("Logins revoked, by reason")
			.tag("reason", reason)
			.register(this.registry)
			.increment();
	}

	@Override
	public void verifiedTokenCache(boolean hit) {
		(hit ? this.cacheHits : this.cacheMisses).increment();
	}

	@Override
	public void wechatCall(String api, String outcome, Duration duration) {
		Timer.builder(WECHAT_CALLS)
			.description("Calls to the WeChat server API by API and outcome")
			.tag("api", api)
			.tag("outcome", outcome)
			.register(this.registry)
			.record(duration);
	}

	@Override
	public void accessTokenFetch(String appId, String outcome) {
		Counter.builder(ACCESS_TOKEN_FETCHES)
			.description("Fetches of the app's WeChat access_token by app and outcome")
			.tag("app", appId)
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
	}

	@Override
	public void rateLimited(String limit) {
		Counter.builder(RATE_LIMITED)
			.description("Requests refused by an abuse limit, by limit")
			.tag("limit", limit)
			.register(this.registry)
			.increment();
	}

}
