package io.github.wxlogin.authentication;

import org.springframework.security.oauth2.jwt.Jwt;

import io.github.wxlogin.token.IssuedRefreshToken;

/**
 * A successful refresh: the user, loaded again, a new access token and the refresh
 * token's successor in the same login.
 */
public final class WxRefreshResult extends WxTokenAuthentication {

	private static final long serialVersionUID = 1L;

	/**
	 * @param user the application's user
	 * @param accessToken the new access token
	 * @param refreshToken the successor of the presented refresh token
	 */
	public WxRefreshResult(WxUser user, Jwt accessToken, IssuedRefreshToken refreshToken) {
		super(user, accessToken, refreshToken);
	}

}
