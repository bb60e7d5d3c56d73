package io.github.wxlogin.authentication;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A refresh request, before authentication: the presented refresh token (its credentials,
 * erased once used) and the app the client names, if any.
 */
public final class RefreshTokenAuthenticationToken extends AbstractAuthenticationToken {

	private @Nullable String refreshToken;

	private final @Nullable String appId;

	public RefreshTokenAuthenticationToken(String refreshToken, @Nullable String appId) {
		super((java.util.Collection<org.springframework.security.core.GrantedAuthority>) null);
		this.refreshToken = Objects.requireNonNull(refreshToken, "refreshToken");
		this.appId = appId;
		setAuthenticated(false);
	}

	/**
	 * @return the app the client names, or {@code null}
	 */
	public @Nullable String getAppId() {
		return this.appId;
	}

	@Override
	public @Nullable Object getCredentials() {
		return this.refreshToken;
	}

	@Override
	public @Nullable Object getPrincipal() {
		return null;
	}

	@Override
	public String getName() {
		return "";
	}

	@Override
	public void eraseCredentials() {
		super.eraseCredentials();
		this.refreshToken = null;
	}

	@Override
	public String toString() {
		return "RefreshTokenAuthenticationToken[appId=" + this.appId + "]";
	}

}
