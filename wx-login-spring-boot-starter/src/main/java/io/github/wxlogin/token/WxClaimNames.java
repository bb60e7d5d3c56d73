package io.github.wxlogin.token;

/**
 * The claims wx-login adds to an access token, beside the registered ones of
 * {@link org.springframework.security.oauth2.jwt.JwtClaimNames} ({@code sub} is the
 * openid).
 */
public final class WxClaimNames {

	/** The mini-program's app id. */
	public static final String APP_ID = "appid";

	/** The user's unionid, when WeChat gave one. */
	public static final String UNION_ID = "unionid";

	/** The login (refresh-token family) the token belongs to; logout revokes it. */
	public static final String LOGIN_ID = "sid";

	/** The authorities, space-separated, without a {@code SCOPE_} prefix. */
	public static final String SCOPE = "scope";

	private WxClaimNames() {
	}

}
