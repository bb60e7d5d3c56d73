package io.github.wxlogin.authentication;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

import io.github.wxlogin.store.RefreshTokenRecord;
import io.github.wxlogin.store.StoreUnavailableException;
import io.github.wxlogin.token.RefreshTokenRotation;
import io.github.wxlogin.token.WxAccessTokenGenerator;
import io.github.wxlogin.token.WxTokenResponse;

/**
 * Authenticates a {@link RefreshTokenAuthenticationToken}: rotates the refresh token (a
 * token already rotated revokes its whole login), resolves the user again through the
 * {@link WxUserService} so that a changed or disabled user takes effect, and issues a new
 * access token for the same login. Every refusal is {@code 401 invalid_token}.
 * <p>
 * Thread-safe.
 */
public final class RefreshTokenAuthenticationProvider implements AuthenticationProvider {

	private final WxApps apps;

	private final RefreshTokenRotation refreshTokens;

	private final WxUserService users;

	private final WxAccessTokenGenerator accessTokens;

	public RefreshTokenAuthenticationProvider(WxApps apps, RefreshTokenRotation refreshTokens, WxUserService users,
			WxAccessTokenGenerator accessTokens) {
		this.apps = Objects.requireNonNull(apps, "apps");
		this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
		this.users = Objects.requireNonNull(users, "users");
		this.accessTokens = Objects.requireNonNull(accessTokens, "accessTokens");
	}

	@Override
	public @Nullable Authentication authenticate(Authentication authentication) throws AuthenticationException {
		RefreshTokenAuthenticationToken request = (RefreshTokenAuthenticationToken) authentication;
		if (!(request.getCredentials() instanceof String presented)) {
			throw new InvalidTokenException();
		}
		try {
			return refresh(presented, request.getAppId());
		}
		catch (StoreUnavailableException ex) {
			throw new StoreUnavailableLoginException(WxApiFailures.UNAVAILABLE_RETRY_AFTER);
		}
	}

	private Authentication refresh(String presented, @Nullable String appId) {
		RefreshTokenRotation.Rotated rotated = this.refreshTokens.rotate(presented);
		if (rotated == null) {
			throw new InvalidTokenException();
		}
		RefreshTokenRecord login = rotated.previous();
		if ((appId != null && !appId.equals(login.appId())) || !isConfigured(login.appId())) {
			this.refreshTokens.revokeFamily(login.familyId());
			throw new InvalidTokenException();
		}
		WxUser user;
		try {
			user = this.users.loadUser(WxIdentity.of(login.appId(), login.openid(), login.unionid()));
		}
		catch (AuthenticationException ex) {
			this.refreshTokens.revokeFamily(login.familyId());
			throw new InvalidTokenException();
		}
		if (!login.openid().equals(user.getName())) {
			throw new IllegalStateException("WxUserService must return a user named by the openid");
		}
		WxLoginAuthenticationToken authenticated = WxLoginAuthenticationToken.authenticated(user, null);
		WxTokenResponse tokens = new WxTokenResponse(
				this.accessTokens.generate(authenticated, login.appId(), login.unionid(), login.familyId()),
				rotated.next(), login.openid(), login.unionid(), null);
		return WxLoginAuthenticationToken.authenticated(user, tokens);
	}

	private boolean isConfigured(String appId) {
		try {
			this.apps.resolve(appId);
			return true;
		}
		catch (UnknownAppException ex) {
			return false;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return RefreshTokenAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
