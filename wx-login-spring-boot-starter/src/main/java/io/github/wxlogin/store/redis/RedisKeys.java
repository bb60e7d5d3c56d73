package io.github.wxlogin.store.redis;

import java.util.Objects;
import java.util.function.Supplier;

import org.springframework.dao.DataAccessException;

import io.github.wxlogin.store.StoreUnavailableException;

/**
 * The key layout of the Redis stores, and the translation of Redis failures.
 * <p>
 * Keys are grouped by hash tag so that every script and every multi-key command touches
 * one slot of a Redis Cluster: everything of one login under <code>{&lt;sid&gt;}</code>,
 * everything of one user under <code>{&lt;app id&gt;:&lt;openid&gt;}</code>, the WeChat
 * access token of an app and its lock under <code>{at:&lt;app id&gt;}</code>: <pre>
 * &lt;prefix&gt;{&lt;sid&gt;}:login                 hash: the login, its refresh tokens and revocations
 * &lt;prefix&gt;{&lt;app&gt;:&lt;openid&gt;}:session       string: the user's session_key
 * &lt;prefix&gt;{&lt;app&gt;:&lt;openid&gt;}:logins        sorted set: the user's logins (sid by expiry)
 * &lt;prefix&gt;code:&lt;digest&gt;                  string: a used wx.login code
 * &lt;prefix&gt;revocations                    stream: every revocation, for each instance's mirror
 * &lt;prefix&gt;{at:&lt;app&gt;}:token / :lock        string: the shared WeChat access_token, its fetch lock
 * </pre>
 */
public final class RedisKeys {

	/** The default prefix of every key. */
	public static final String DEFAULT_PREFIX = "wx-login:";

	private final String prefix;

	/**
	 * @param prefix the prefix of every key, e.g. {@code "wx-login:"}; it must not hold a
	 * brace, which would change the keys' hash tags
	 */
	public RedisKeys(String prefix) {
		Objects.requireNonNull(prefix, "prefix");
		if (prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
			throw new IllegalArgumentException("The key prefix must not contain '{' or '}'");
		}
		this.prefix = prefix;
	}

	/**
	 * @return the prefix of every key
	 */
	public String prefix() {
		return this.prefix;
	}

	/** The hash of one login (refresh family): its refresh tokens and its revocations. */
	String loginKey(String familyId) {
		return this.prefix + '{' + familyId + "}:login";
	}

	/** The session key of one user. */
	String sessionKey(String appId, String openid) {
		return this.prefix + '{' + appId + ':' + openid + "}:session";
	}

	/** The sorted set of one user's logins, scored by expiry. */
	String userLoginsKey(String appId, String openid) {
		return this.prefix + '{' + appId + ':' + openid + "}:logins";
	}

	/** A used code, by digest. */
	String codeKey(String digest) {
		return this.prefix + "code:" + digest;
	}

	/** One abuse-limit counter, by a digest of what it counts (an address, an openid). */
	String limitKey(String limit, String digest) {
		return this.prefix + "limit:" + limit + ':' + digest;
	}

	/** The stream of revocations. */
	String revocationsKey() {
		return this.prefix + "revocations";
	}

	/** The shared WeChat access token of an app. */
	String accessTokenKey(String appId) {
		return this.prefix + "{at:" + appId + "}:token";
	}

	/** The lock of whoever fetches the app's access token. */
	String accessTokenLockKey(String appId) {
		return this.prefix + "{at:" + appId + "}:lock";
	}

	/**
	 * Run a Redis call; any data-access failure (connection refused, timeout) becomes a
	 * {@link StoreUnavailableException}, with no key or value in its message.
	 */
	static <T> T call(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (DataAccessException ex) {
			throw new StoreUnavailableException("Redis is unavailable (" + ex.getClass().getSimpleName() + ")");
		}
	}

}
