package io.github.wxlogin.authentication;

import java.util.Objects;

import org.springframework.security.oauth2.jwt.Jwt;

import io.github.wxlogin.token.IssuedRefreshToken;

/**
 * An authenticated user and the tokens just issued to them: what the login and refresh
 * providers return, as Spring Authorization Server's providers return an
 * {@code OAuth2AccessTokenAuthenticationToken}. Its principal is the application's
 * {@link WxUser}, its name the openid, its authorities the user's; it holds no
 * credentials.
 */
public abstract sealed class WxTokenAuthentication extends WxUserAuthentication permits WxLoginResult, WxRefreshResult {

	private static final long serialVersionUID = 1L;

	private final Jwt accessToken;

	private final transient IssuedRefreshToken refreshToken;

	WxTokenAuthentication(WxUser user, Jwt accessToken, IssuedRefreshToken refreshToken) {
		super(user);
		this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
		this.refreshToken = Objects.requireNonNull(refreshToken, "refreshToken");
	}

	/**
	 * @return the login the tokens belong to (the access token's {@code sid})
	 */
	public String getLoginId() {
		return this.refreshToken.familyId();
	}

	/**
	 * @return the signed access token
	 */
	public Jwt getAccessToken() {
		return this.accessToken;
	}

	/**
	 * @return the refresh token
	 */
	public IssuedRefreshToken getRefreshToken() {
		return this.refreshToken;
	}

}
