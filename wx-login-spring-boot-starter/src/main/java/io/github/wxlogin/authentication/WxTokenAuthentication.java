package io.github.wxlogin.authentication;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

import io.github.wxlogin.token.IssuedRefreshToken;

/**
 * An authenticated user and the tokens just issued to them: what the login and refresh
 * providers return, as Spring Authorization Server's providers return an
 * {@code OAuth2AccessTokenAuthenticationToken}. Its principal is the application's
 * {@link WxUser}, its name the openid, its authorities the user's; it holds no
 * credentials.
 */
public abstract sealed class WxTokenAuthentication extends AbstractAuthenticationToken
		permits WxLoginResult, WxRefreshResult {

	private static final long serialVersionUID = 1L;

	private final WxUser user;

	private final Jwt accessToken;

	private final transient IssuedRefreshToken refreshToken;

	WxTokenAuthentication(WxUser user, Jwt accessToken, IssuedRefreshToken refreshToken) {
		super(user.getAuthorities());
		this.user = user;
		this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
		this.refreshToken = Objects.requireNonNull(refreshToken, "refreshToken");
		super.setAuthenticated(true);
	}

	/**
	 * @return the application's user
	 */
	public WxUser getUser() {
		return this.user;
	}

	/**
	 * @return the mini-program
	 */
	public String getAppId() {
		return this.user.getAppId();
	}

	/**
	 * @return the user's openid
	 */
	public String getOpenid() {
		return this.user.getOpenid();
	}

	/**
	 * @return the user's unionid, when known
	 */
	public @Nullable String getUnionid() {
		return this.user.getUnionid();
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

	/**
	 * @return the {@link WxUser}
	 */
	@Override
	public WxUser getPrincipal() {
		return this.user;
	}

	/**
	 * @return always {@code null}: neither the code, the refresh token presented nor the
	 * session key is kept here
	 */
	@Override
	public @Nullable Object getCredentials() {
		return null;
	}

	@Override
	public String getName() {
		return this.user.getName();
	}

	@Override
	public void setAuthenticated(boolean authenticated) {
		if (!authenticated) {
			throw new IllegalArgumentException("Issued tokens stay authenticated");
		}
	}

}
