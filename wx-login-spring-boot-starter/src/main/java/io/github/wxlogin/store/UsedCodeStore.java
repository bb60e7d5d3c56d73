package io.github.wxlogin.store;

import java.time.Duration;

/**
 * Remembers the {@code wx.login} codes this server has already exchanged, so that a
 * replayed code is refused without asking WeChat again. Implementations store a digest of
 * the code, not the code itself.
 * <p>
 * Thread-safe; {@link #claim} is one atomic step, so of two concurrent logins with the
 * same code exactly one wins.
 */
public interface UsedCodeStore {

	/**
	 * Claim a code for one exchange.
	 * @param appId the app the code belongs to
	 * @param code the code from {@code wx.login}
	 * @param timeToLive how long to remember the claim (at least the code's 5 minutes)
	 * @return {@code true} if this call claimed the code, {@code false} if it was claimed
	 * before
	 */
	boolean claim(String appId, String code, Duration timeToLive);

	/**
	 * Give a claimed code back, after WeChat could not be reached, so that the client may
	 * retry the same code.
	 */
	void release(String appId, String code);

}
