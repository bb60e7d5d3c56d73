package io.github.wxlogin.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One active login of a user: a refresh family, from {@code POST /wx/login} until it is
 * revoked or its last refresh token expires.
 *
 * @param loginId the login's id, the {@code sid} claim of its access tokens
 * @param created when the user logged in
 * @param lastRefreshed when its refresh token was last rotated; {@code created} before
 * the first refresh
 */
public record WxLoginSession(String loginId, Instant created, Instant lastRefreshed) {

	public WxLoginSession {
		Objects.requireNonNull(loginId, "loginId");
		Objects.requireNonNull(created, "created");
		Objects.requireNonNull(lastRefreshed, "lastRefreshed");
	}

}
