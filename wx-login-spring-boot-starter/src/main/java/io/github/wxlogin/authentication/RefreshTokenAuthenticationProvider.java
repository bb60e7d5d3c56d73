package io.github.wxlogin.authentication;

import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;

import io.github.wxlogin.metrics.WxLoginMetrics;
import io.github.wxlogin.store.RefreshTokenRecord;
import io.github.wxlogin.store.StoreUnavailableException;
import io.github.wxlogin.token.RefreshTokenRotation;
import io.github.wxlogin.token.WxTokenContext;
import io.github.wxlogin.token.WxTokenGenerator;

/**
 * Authenticates a {@link RefreshTokenAuthenticationToken}: rotates the refresh token (a
 * token already rotated revokes its whole login), resolves the user again through the
 * {@link WxUserService} so that a changed or disabled user takes effect, and issues a new
 * access token for the same login. Every refusal is {@code 401 invalid_token}.
 * <p>
 * Thread-safe.
 */
public final class RefreshTokenAuthenticationProvider implements AuthenticationProvider {

	private static final Log logger = LogFactory.getLog(RefreshTokenAuthenticationProvider.class);

	private final WxApps apps;

	private final RefreshTokenRotation refreshTokens;

	private final WxUserService users;

	private final WxTokenGenerator accessTokens;

	private final WxLoginMetrics metrics;

	public RefreshTokenAuthenticationProvider(WxApps apps, RefreshTokenRotation refreshTokens, WxUserService users,
			WxTokenGenerator accessTokens) {
		this(apps, refreshTokens, users, accessTokens, WxLoginMetrics.NONE);
	}

	/**
	 * @param apps the configured apps
	 * @param refreshTokens rotates refresh tokens
	 * @param users resolves the application's user again
	 * @param accessTokens issues access tokens
	 * @param metrics told of every refresh's outcome
	 */
	public RefreshTokenAuthenticationProvider(WxApps apps, RefreshTokenRotation refreshTokens, WxUserService users,
			WxTokenGenerator accessTokens, WxLoginMetrics metrics) {
		this.metrics = Objects.requireNonNull(metrics, "metrics");
		this.apps = Objects.requireNonNull(apps, "apps");
		this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
		this.users = Objects.requireNonNull(users, "users");
		this.accessTokens = Objects.requireNonNull(accessTokens, "accessTokens");
	}

	@Override
	public @Nullable Authentication authenticate(Authentication authentication) throws AuthenticationException {
		RefreshTokenAuthenticationToken request = (RefreshTokenAuthenticationToken) authentication;
		if (!(request.getCredentials() instanceof String presented)) {
			throw new WxLoginException(WxLoginError.INVALID_TOKEN);
		}
		boolean[] reused = { false };
		try {
			Authentication result = refresh(presented, request.getAppId(), reused);
			this.metrics.refresh("rotated");
			return result;
		}
		catch (StoreUnavailableException ex) {
			this.metrics.refresh("refused");
			throw WxLoginException.storeUnavailable();
		}
		catch (RuntimeException ex) {
			this.metrics.refresh((reused[0]) ? "reuse_detected" : "refused");
			throw ex;
		}
	}

	private Authentication refresh(String presented, @Nullable String appId, boolean[] reused) {
		RefreshTokenRotation.Rotated rotated = this.refreshTokens.rotate(presented, (familyId) -> {
			reused[0] = true;
			this.metrics.revocation("reuse_detected");
			logger.info("Refresh token reuse detected: login family=" + LoggedIds.shortened(familyId) + " revoked");
		});
		if (rotated == null) {
			throw new WxLoginException(WxLoginError.INVALID_TOKEN);
		}
		RefreshTokenRecord login = rotated.previous();
		if ((appId != null && !appId.equals(login.appId())) || !isConfigured(login.appId())) {
			this.refreshTokens.revokeFamily(login.familyId());
			throw new WxLoginException(WxLoginError.INVALID_TOKEN);
		}
		WxUser user;
		try {
			user = this.users.loadUser(WxIdentity.of(login.appId(), login.openid(), login.unionid()));
		}
		catch (AuthenticationException ex) {
			this.refreshTokens.revokeFamily(login.familyId());
			throw new WxLoginException(WxLoginError.INVALID_TOKEN);
		}
		if (!login.openid().equals(user.getName())) {
			throw new IllegalStateException("WxUserService must return a user named by the openid");
		}
		Jwt accessToken = this.accessTokens.generate(WxTokenContext.refresh(WxUserAuthentication.of(user),
				login.appId(), login.unionid(), login.familyId()));
		return new WxRefreshResult(user, accessToken, rotated.next());
	}

	private boolean isConfigured(String appId) {
		try {
			this.apps.resolve(appId);
			return true;
		}
		catch (WxLoginException ex) {
			return false;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return RefreshTokenAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
