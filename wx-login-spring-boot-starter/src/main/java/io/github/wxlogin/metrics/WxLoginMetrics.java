package io.github.wxlogin.metrics;

import java.time.Duration;

/**
 * Receives the starter's countable events. Every argument is bounded: a configured app
 * id, a contract error code or a fixed word; never an openid, an address, a code or a
 * token id. The default methods do nothing; {@link #NONE} is used without Micrometer.
 * <p>
 * Implementations are thread-safe and never throw.
 */
public interface WxLoginMetrics {

	/** Records nothing. */
	WxLoginMetrics NONE = new WxLoginMetrics() {
	};

	/** Outcome of a successful login, refresh or call. */
	String SUCCESS = "success";

	/**
	 * A login ended.
	 * @param appId the configured app id, or {@code unknown}
	 * @param outcome {@link #SUCCESS} or the contract error code
	 */
	default void login(String appId, String outcome) {
	}

	/**
	 * A refresh ended.
	 * @param outcome {@code rotated}, {@code reuse_detected} or {@code refused}
	 */
	default void refresh(String outcome) {
	}

	/**
	 * A bearer logged out.
	 */
	default void logout() {
	}

	/**
	 * Logins were revoked.
	 * @param reason {@code logout}, {@code reuse_detected}, or an application's word such
	 * as {@code revoke_all}
	 */
	default void revocation(String reason) {
	}

	/**
	 * A verified access token was looked up in the verified-token cache.
	 * @param hit whether it was there (its signature not checked again)
	 */
	default void verifiedTokenCache(boolean hit) {
	}

	/**
	 * A call to WeChat ended.
	 * @param api {@code code2Session}, {@code stable_token} or {@code getuserphonenumber}
	 * @param outcome {@link #SUCCESS}, {@code errcode_<n>} or {@code unavailable}
	 * @param duration how long it took
	 */
	default void wechatCall(String api, String outcome, Duration duration) {
	}

	/**
	 * The app's WeChat access_token was fetched.
	 * @param appId the configured app id
	 * @param outcome {@link #SUCCESS} or the failure's word, as for {@link #wechatCall}
	 */
	default void accessTokenFetch(String appId, String outcome) {
	}

	/**
	 * A request was refused by one of the abuse limits.
	 * @param limit the limit's name, such as {@code login-failures}
	 */
	default void rateLimited(String limit) {
	}

}
