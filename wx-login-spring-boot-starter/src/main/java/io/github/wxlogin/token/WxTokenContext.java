package io.github.wxlogin.token;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;

/**
 * Everything an access token is issued from: who ({@link #principal()}), for which
 * mini-program, in which login, on a login or a refresh; and the JWS header and claims
 * being built, which a {@link WxTokenGenerator} fills in and each
 * {@link WxTokenCustomizer} may add to.
 * <p>
 * The header starts as {@code ES256} without a {@code kid}; the starter's generator sets
 * its signing key's algorithm and {@code kid} before the customizers run. The claims
 * start empty. One context serves one token and one thread.
 */
public final class WxTokenContext {

	private final Grant grant;

	private final Authentication principal;

	private final String appId;

	private final @Nullable String unionid;

	private final String loginId;

	private final JwsHeader.Builder header = JwsHeader.with(SignatureAlgorithm.ES256);

	private final JwtClaimsSet.Builder claims = JwtClaimsSet.builder();

	private WxTokenContext(Grant grant, Authentication principal, String appId, @Nullable String unionid,
			String loginId) {
		this.grant = Objects.requireNonNull(grant, "grant");
		this.principal = Objects.requireNonNull(principal, "principal");
		this.appId = Objects.requireNonNull(appId, "appId");
		this.unionid = unionid;
		this.loginId = Objects.requireNonNull(loginId, "loginId");
	}

	/**
	 * The context of the first access token of a new login.
	 * @param principal the authenticated user: its name is the openid, its authorities
	 * become the {@code scope}
	 * @param appId the mini-program
	 * @param unionid the user's unionid, when known
	 * @param loginId the new login's id (the {@code sid} claim)
	 */
	public static WxTokenContext login(Authentication principal, String appId, @Nullable String unionid,
			String loginId) {
		return new WxTokenContext(Grant.LOGIN, principal, appId, unionid, loginId);
	}

	/**
	 * The context of an access token issued by rotating a refresh token.
	 * @param principal the user, loaded again
	 * @param appId the mini-program of the login
	 * @param unionid the user's unionid, when known
	 * @param loginId the login the refresh token belongs to
	 */
	public static WxTokenContext refresh(Authentication principal, String appId, @Nullable String unionid,
			String loginId) {
		return new WxTokenContext(Grant.REFRESH, principal, appId, unionid, loginId);
	}

	/**
	 * @return whether the token is issued by a login or a refresh
	 */
	public Grant grant() {
		return this.grant;
	}

	/**
	 * @return the authenticated user: its principal is the application's {@code WxUser},
	 * its name the openid
	 */
	public Authentication principal() {
		return this.principal;
	}

	/**
	 * @return the openid: the principal's name
	 */
	public String openid() {
		return this.principal.getName();
	}

	/**
	 * @return the mini-program the token is issued for
	 */
	public String appId() {
		return this.appId;
	}

	/**
	 * @return the user's unionid, or {@code null} when WeChat did not give one
	 */
	public @Nullable String unionid() {
		return this.unionid;
	}

	/**
	 * @return the login (refresh family) the token belongs to
	 */
	public String loginId() {
		return this.loginId;
	}

	/**
	 * @return the JWS header being built
	 */
	public JwsHeader.Builder header() {
		return this.header;
	}

	/**
	 * @return the claims being built
	 */
	public JwtClaimsSet.Builder claims() {
		return this.claims;
	}

	@Override
	public String toString() {
		return "WxTokenContext[grant=" + this.grant + ", appId=" + this.appId + "]";
	}

	/**
	 * How the token is issued.
	 */
	public enum Grant {

		/** A login: a {@code code} exchanged at WeChat. */
		LOGIN,

		/** A refresh token rotated. */
		REFRESH

	}

}
