package io.github.wxlogin.authentication;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;

import io.github.wxlogin.token.WxTokenResponse;

/**
 * A WeChat login: before authentication it carries the {@link WxLoginRequest}; after, the
 * {@link WxUser} principal, its authorities and the tokens issued. It never carries the
 * session key: {@link #getCredentials()} is always {@code null}.
 */
public final class WxLoginAuthenticationToken extends AbstractAuthenticationToken {

	private final @Nullable WxLoginRequest request;

	private final @Nullable WxUser user;

	private final transient @Nullable WxTokenResponse tokens;

	private WxLoginAuthenticationToken(@Nullable WxLoginRequest request, @Nullable WxUser user,
			@Nullable WxTokenResponse tokens) {
		super((user != null) ? user.getAuthorities() : null);
		this.request = request;
		this.user = user;
		this.tokens = tokens;
		setAuthenticated(user != null);
	}

	/**
	 * A login to authenticate.
	 */
	public static WxLoginAuthenticationToken unauthenticated(WxLoginRequest request) {
		return new WxLoginAuthenticationToken(Objects.requireNonNull(request, "request"), null, null);
	}

	/**
	 * A successful login with its user and issued tokens.
	 */
	public static WxLoginAuthenticationToken authenticated(WxUser user, @Nullable WxTokenResponse tokens) {
		return new WxLoginAuthenticationToken(null, Objects.requireNonNull(user, "user"), tokens);
	}

	/**
	 * @return the login request, before authentication
	 */
	public @Nullable WxLoginRequest getRequest() {
		return this.request;
	}

	/**
	 * @return the tokens issued, after authentication
	 */
	public @Nullable WxTokenResponse getTokens() {
		return this.tokens;
	}

	/**
	 * @return the {@link WxUser} after authentication, else the code's app id or
	 * {@code null}
	 */
	@Override
	public @Nullable Object getPrincipal() {
		return this.user;
	}

	/**
	 * @return always {@code null}: neither the code nor the session key is kept here
	 */
	@Override
	public @Nullable Object getCredentials() {
		return null;
	}

	@Override
	public String getName() {
		return (this.user != null) ? this.user.getName() : "";
	}

	@Override
	public void setAuthenticated(boolean authenticated) {
		if (authenticated && this.user == null) {
			throw new IllegalArgumentException("A login without a user cannot be authenticated");
		}
		super.setAuthenticated(authenticated);
	}

}
