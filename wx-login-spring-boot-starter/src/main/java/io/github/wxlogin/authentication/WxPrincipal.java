package io.github.wxlogin.authentication;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;

import io.github.wxlogin.token.WxClaimNames;

/**
 * The WeChat user of a bearer request, as {@code @AuthenticationPrincipal} gives it to a
 * controller: who (openid, unionid), of which mini-program (app id), in which login (the
 * login id logout and revoke-all act on), and the verified access token for anything
 * else. The same for a real bearer, {@code wxBearer(...)} and {@code @WithMockWxUser}.
 *
 * @param appId the mini-program's app id ({@code appid} claim)
 * @param openid the user's openid ({@code sub}); also the principal's name
 * @param unionid the user's unionid, when WeChat gave one
 * @param loginId the login (refresh-token family) the token belongs to ({@code sid})
 * @param jwt the verified access token
 */
public record WxPrincipal(String appId, String openid, @Nullable String unionid, String loginId,
		Jwt jwt) implements AuthenticatedPrincipal {

	public WxPrincipal {
		Objects.requireNonNull(appId, "appId");
		Objects.requireNonNull(openid, "openid");
		Objects.requireNonNull(loginId, "loginId");
		Objects.requireNonNull(jwt, "jwt");
	}

	/**
	 * @param jwt a verified access token of ours
	 * @return its user
	 * @throws IllegalArgumentException if it lacks {@code sub}, {@code appid} or
	 * {@code sid}
	 */
	public static WxPrincipal of(Jwt jwt) {
		String openid = jwt.getSubject();
		String appId = jwt.getClaimAsString(WxClaimNames.APP_ID);
		String loginId = jwt.getClaimAsString(WxClaimNames.LOGIN_ID);
		if (openid == null || appId == null || loginId == null) {
			throw new IllegalArgumentException("Not a wx-login access token: sub, appid and sid are required");
		}
		return new WxPrincipal(appId, openid, jwt.getClaimAsString(WxClaimNames.UNION_ID), loginId, jwt);
	}

	/**
	 * @return the openid
	 */
	@Override
	public String getName() {
		return this.openid;
	}

	/**
	 * Shows the app id and the first characters of the openid only, as the starter's log
	 * lines do: Spring Security logs the authentication at DEBUG.
	 */
	@Override
	public String toString() {
		String shortened = (this.openid.length() > 6) ? this.openid.substring(0, 6) + "…" : this.openid;
		return "WxPrincipal[appId=" + this.appId + ", openid=" + shortened + "]";
	}

}
