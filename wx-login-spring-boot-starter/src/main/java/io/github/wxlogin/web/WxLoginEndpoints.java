package io.github.wxlogin.web;

import java.util.Objects;

/**
 * The paths the starter serves.
 *
 * @param loginPath {@code POST}: code (+ user data) to tokens
 * @param refreshPath {@code POST}: refresh token to new tokens
 * @param logoutPath {@code POST} with a bearer: revoke this login
 * @param phonePath {@code POST} with a bearer: the user's phone number
 * @param profilePath {@code POST} with a bearer: the user's decrypted profile
 * @param jwksPath {@code GET}: the public JWK set
 */
public record WxLoginEndpoints(String loginPath, String refreshPath, String logoutPath, String phonePath,
		String profilePath, String jwksPath) {

	/** The contract's login path. */
	public static final String DEFAULT_LOGIN_PATH = "/wx/login";

	/** The contract's refresh path. */
	public static final String DEFAULT_REFRESH_PATH = "/wx/token/refresh";

	/** The contract's logout path. */
	public static final String DEFAULT_LOGOUT_PATH = "/wx/logout";

	/** The contract's phone-number path. */
	public static final String DEFAULT_PHONE_PATH = "/wx/phone";

	/** The contract's profile path. */
	public static final String DEFAULT_PROFILE_PATH = "/wx/profile";

	/** The contract's JWK set path. */
	public static final String DEFAULT_JWKS_PATH = "/.well-known/jwks.json";

	public WxLoginEndpoints {
		Objects.requireNonNull(loginPath, "loginPath");
		Objects.requireNonNull(refreshPath, "refreshPath");
		Objects.requireNonNull(logoutPath, "logoutPath");
		Objects.requireNonNull(phonePath, "phonePath");
		Objects.requireNonNull(profilePath, "profilePath");
		Objects.requireNonNull(jwksPath, "jwksPath");
	}

	/**
	 * The contract's default paths.
	 */
	public static WxLoginEndpoints defaults() {
		return new WxLoginEndpoints(DEFAULT_LOGIN_PATH, DEFAULT_REFRESH_PATH, DEFAULT_LOGOUT_PATH, DEFAULT_PHONE_PATH,
				DEFAULT_PROFILE_PATH, DEFAULT_JWKS_PATH);
	}

}
