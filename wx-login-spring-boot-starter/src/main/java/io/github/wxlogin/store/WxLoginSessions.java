package io.github.wxlogin.store;

import java.util.List;

/**
 * Every login of a user, for operators: list them, or revoke them all (a lost phone, a
 * banned account). After {@link #revokeAll} every access and refresh token of the user's
 * logins is refused, on every instance that shares the store within a second; logins
 * started later work as usual.
 * <p>
 * Thread-safe; may throw {@link StoreUnavailableException}.
 */
public interface WxLoginSessions {

	/**
	 * @param appId the mini-program's app id
	 * @param openid the user's openid in that app
	 * @return the user's active logins, oldest first; empty when none
	 */
	List<WxLoginSession> list(String appId, String openid);

	/**
	 * Revoke every active login of the user.
	 * @param appId the mini-program's app id
	 * @param openid the user's openid in that app
	 * @return how many logins were revoked
	 */
	int revokeAll(String appId, String openid);

}
