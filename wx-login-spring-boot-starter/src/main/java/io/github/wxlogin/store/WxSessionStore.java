package io.github.wxlogin.store;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Keeps the WeChat {@code session_key} of each user on the server, keyed by (app id,
 * openid). The key never leaves the server: it is read back only to verify and decrypt
 * data the mini-program sends later (phone number, profile).
 * <p>
 * Implementations are thread-safe; a call may go over the network and then throws
 * {@link StoreUnavailableException} when the store cannot be reached.
 */
public interface WxSessionStore {

	/**
	 * Save the latest session key of a user, replacing any previous one.
	 * @param appId the mini-program's app id
	 * @param openid the user's openid in that app
	 * @param sessionKey the Base64 session key from code2Session
	 * @param timeToLive how long the key is kept at most
	 */
	void save(String appId, String openid, String sessionKey, Duration timeToLive);

	/**
	 * The latest session key of a user.
	 * @return the key, or {@code null} when none is kept (never stored, or expired)
	 */
	@Nullable String find(String appId, String openid);

}
