package io.github.wxlogin.token;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The tokens issued by a login or a refresh, as the success handler writes them.
 *
 * @param accessToken the signed access token
 * @param refreshToken the refresh token
 * @param openid the user's openid
 * @param unionid the user's unionid, when known
 * @param user the decrypted user info sent with the login, when there was some
 */
public record WxTokenResponse(Jwt accessToken, IssuedRefreshToken refreshToken, String openid, @Nullable String unionid,
		@Nullable Map<String, Object> user) {

	@Override
	public String toString() {
		return "WxTokenResponse[openid=" + this.openid + ", expiresAt=" + this.accessToken.getExpiresAt() + "]";
	}

}
