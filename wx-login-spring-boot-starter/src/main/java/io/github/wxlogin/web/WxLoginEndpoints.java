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
		return new WxLoginEndpoints("/wx/login", "/wx/token/refresh", "/wx/logout", "/wx/phone", "/wx/profile",
				"/.well-known/jwks.json");
	}

}
