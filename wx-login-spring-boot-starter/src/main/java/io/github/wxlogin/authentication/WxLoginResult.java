package io.github.wxlogin.authentication;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

import io.github.wxlogin.token.IssuedRefreshToken;

/**
 * A successful login: the user, the first tokens of the new login, and the user info the
 * mini-program sent, verified and decrypted, when it sent some.
 */
public final class WxLoginResult extends WxTokenAuthentication {

	private static final long serialVersionUID = 1L;

	private final transient @Nullable Map<String, Object> userInfo;

	/**
	 * @param user the application's user
	 * @param accessToken the signed access token
	 * @param refreshToken the login's first refresh token
	 * @param userInfo the decrypted user info (without its watermark), or {@code null}
	 */
	public WxLoginResult(WxUser user, Jwt accessToken, IssuedRefreshToken refreshToken,
			@Nullable Map<String, Object> userInfo) {
		super(user, accessToken, refreshToken);
		// in the order WeChat sent it; JSON nulls allowed
		this.userInfo = (userInfo != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(userInfo)) : null;
	}

	/**
	 * @return the decrypted user info sent with the login, or {@code null}
	 */
	public @Nullable Map<String, Object> getUserInfo() {
		return this.userInfo;
	}

}
