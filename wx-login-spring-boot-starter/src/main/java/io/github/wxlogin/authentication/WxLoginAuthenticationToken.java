package io.github.wxlogin.authentication;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A WeChat login to authenticate: the {@link WxLoginRequest} the mini-program sent. Once
 * authenticated, the login is a {@link WxLoginResult}. It never carries the session key:
 * {@link #getCredentials()} is always {@code null}.
 */
public final class WxLoginAuthenticationToken extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final transient WxLoginRequest request;

	private WxLoginAuthenticationToken(WxLoginRequest request) {
		super((java.util.Collection<org.springframework.security.core.GrantedAuthority>) null);
		this.request = request;
		super.setAuthenticated(false);
	}

	/**
	 * A login to authenticate.
	 */
	public static WxLoginAuthenticationToken unauthenticated(WxLoginRequest request) {
		return new WxLoginAuthenticationToken(Objects.requireNonNull(request, "request"));
	}

	/**
	 * @return the login request
	 */
	public WxLoginRequest getRequest() {
		return this.request;
	}

	/**
	 * @return the app id the request names, or {@code null}
	 */
	@Override
	public @Nullable Object getPrincipal() {
		return this.request.appId();
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
		return "";
	}

	@Override
	public void setAuthenticated(boolean authenticated) {
		if (authenticated) {
			throw new IllegalArgumentException("A login request is never authenticated: the result is a WxLoginResult");
		}
		super.setAuthenticated(false);
	}

}
