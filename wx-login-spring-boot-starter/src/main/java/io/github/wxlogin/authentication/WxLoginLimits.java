package io.github.wxlogin.authentication;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.wxlogin.limits.RateLimit;
import io.github.wxlogin.limits.RateLimiter;
import io.github.wxlogin.metrics.WxLoginMetrics;
import io.github.wxlogin.store.StoreUnavailableException;

/**
 * The abuse limits of the login endpoints, each off unless given: failed logins and
 * failed refreshes per client address (failures only, so that many users behind one NAT
 * are not refused for succeeding), code2Session calls per app (junk codes cannot spend
 * WeChat's quota), failed decryptions and signature checks per openid, and phone-number
 * calls per openid. A refusal is a {@link WxLoginException} ({@code 429 rate_limited}
 * with {@code Retry-After}), thrown before WeChat is called.
 * <p>
 * Thread-safe. A counter store that cannot be reached refuses with
 * {@code 503 store_unavailable} when checking, and is ignored when counting a failure
 * (the failure's own answer goes out).
 */
public final class WxLoginLimits {

	/** Failed logins (invalid or replayed code) per client address. */
	public static final String LOGIN_FAILURES = "login-failures";

	/** code2Session calls per app. */
	public static final String CODE2SESSION = "code2session";

	/** Failed decryptions and signature checks per openid. */
	public static final String DATA_FAILURES = "data-failures";

	/** Failed refreshes per client address. */
	public static final String REFRESH_FAILURES = "refresh-failures";

	/** Phone-number calls (getuserphonenumber) per openid. */
	public static final String PHONE_CALLS = "phone-calls";

	private static final Log logger = LogFactory.getLog(WxLoginLimits.class);

	private static final WxLoginLimits NONE = new WxLoginLimits(new RateLimiter() {

		@Override
		public @Nullable Duration consume(String key, RateLimit limit) {
			return null;
		}

		@Override
		public @Nullable Duration check(String key, RateLimit limit) {
			return null;
		}

	}, List.of(), WxLoginMetrics.NONE);

	private final RateLimiter limiter;

	private final Map<String, RateLimit> limits = new HashMap<>();

	private final WxLoginMetrics metrics;

	/**
	 * @param limiter the counters
	 * @param limits the limits that are on, by their names ({@link #LOGIN_FAILURES} ...)
	 * @param metrics told of every refusal
	 */
	public WxLoginLimits(RateLimiter limiter, List<RateLimit> limits, WxLoginMetrics metrics) {
		this.limiter = Objects.requireNonNull(limiter, "limiter");
		this.metrics = Objects.requireNonNull(metrics, "metrics");
		for (RateLimit limit : limits) {
			this.limits.put(limit.name(), limit);
		}
	}

	/**
	 * @return limits that are all off
	 */
	public static WxLoginLimits none() {
		return NONE;
	}

	/** Refuse when the address has used up its failed logins. */
	public void checkLoginFailures(String address) {
		check(LOGIN_FAILURES, address);
	}

	/** Count a failed login of the address. */
	public void loginFailed(String address) {
		failed(LOGIN_FAILURES, address);
	}

	/** Refuse when the address has used up its failed refreshes. */
	public void checkRefreshFailures(String address) {
		check(REFRESH_FAILURES, address);
	}

	/** Count a failed refresh of the address. */
	public void refreshFailed(String address) {
		failed(REFRESH_FAILURES, address);
	}

	/** Count a code2Session call for the app, refusing it over the limit. */
	public void acquireCode2Session(String appId) {
		acquire(CODE2SESSION, appId);
	}

	/** Refuse when the user has used up its failed decryptions and signature checks. */
	public void checkDataFailures(String appId, String openid) {
		check(DATA_FAILURES, appId + '\n' + openid);
	}

	/** Count a failed decryption or signature check of the user. */
	public void dataFailed(String appId, String openid) {
		failed(DATA_FAILURES, appId + '\n' + openid);
	}

	/** Count a phone-number call of the user, refusing it over the limit. */
	public void acquirePhoneCall(String appId, String openid) {
		acquire(PHONE_CALLS, appId + '\n' + openid);
	}

	private void check(String name, String key) {
		RateLimit limit = this.limits.get(name);
		if (limit != null) {
			refuseIfWaiting(limit, store(() -> this.limiter.check(key, limit)));
		}
	}

	private void acquire(String name, String key) {
		RateLimit limit = this.limits.get(name);
		if (limit != null) {
			refuseIfWaiting(limit, store(() -> this.limiter.consume(key, limit)));
		}
	}

	private void failed(String name, String key) {
		RateLimit limit = this.limits.get(name);
		if (limit == null) {
			return;
		}
		try {
			this.limiter.consume(key, limit);
		}
		catch (StoreUnavailableException ex) {
			logger.debug("Could not count a failure for limit " + name + ": the store is unavailable");
		}
	}

	private void refuseIfWaiting(RateLimit limit, @Nullable Duration wait) {
		if (wait != null) {
			this.metrics.rateLimited(limit.name());
			if (logger.isDebugEnabled()) {
				logger.debug("Refused by limit " + limit.name() + " for " + wait.toSeconds() + " s");
			}
			throw new WxLoginException(WxLoginError.RATE_LIMITED, wait);
		}
	}

	private static @Nullable Duration store(java.util.function.Supplier<@Nullable Duration> call) {
		try {
			return call.get();
		}
		catch (StoreUnavailableException ex) {
			throw WxLoginException.storeUnavailable();
		}
	}

}
