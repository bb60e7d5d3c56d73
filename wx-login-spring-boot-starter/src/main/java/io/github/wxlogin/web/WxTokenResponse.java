package io.github.wxlogin.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import io.github.wxlogin.authentication.WxLoginResult;
import io.github.wxlogin.authentication.WxTokenAuthentication;

/**
 * The JSON body of a token response (login and refresh), field for field as the
 * mini-program client reads it (RFC 6749 §5.1 names, plus the user's ids).
 *
 * @param accessToken the signed access token
 * @param tokenType always {@code Bearer}
 * @param expiresIn seconds until the access token expires
 * @param refreshToken the refresh token
 * @param refreshExpiresIn seconds until the refresh token expires
 * @param openid the user's openid
 * @param unionid the user's unionid, when known
 * @param user the decrypted user info sent with a login, when there was some
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WxTokenResponse(@JsonProperty("access_token") String accessToken,
		@JsonProperty("token_type") String tokenType, @JsonProperty("expires_in") long expiresIn,
		@JsonProperty("refresh_token") String refreshToken, @JsonProperty("refresh_expires_in") long refreshExpiresIn,
		@JsonProperty("openid") String openid, @JsonProperty("unionid") @Nullable String unionid,
		@JsonProperty("user") @Nullable Map<String, Object> user) {

	/**
	 * The body for the tokens just issued.
	 * @param tokens a login's or a refresh's result
	 * @param now the current time, for the lifetimes
	 */
	public static WxTokenResponse of(WxTokenAuthentication tokens, Instant now) {
		Instant accessExpiry = Objects.requireNonNull(tokens.getAccessToken().getExpiresAt(), "exp");
		Map<String, Object> user = (tokens instanceof WxLoginResult login) ? login.getUserInfo() : null;
		return new WxTokenResponse(tokens.getAccessToken().getTokenValue(), "Bearer", secondsUntil(now, accessExpiry),
				tokens.getRefreshToken().value(), secondsUntil(now, tokens.getRefreshToken().expiresAt()),
				tokens.getOpenid(), tokens.getUnionid(), user);
	}

	private static long secondsUntil(Instant now, Instant deadline) {
		return Math.max(0, Duration.between(now, deadline).toSeconds());
	}

	@Override
	public String toString() {
		return "WxTokenResponse[expiresIn=" + this.expiresIn + "]";
	}

}
