package io.github.wxlogin.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

import io.github.wxlogin.web.WxLoginEndpoints;

/**
 * Configuration of WeChat mini-program login ({@code wx.login.*}).
 *
 * @param enabled whether the starter is on
 * @param appId the mini-program's app id (shorthand for a single entry of {@code apps})
 * @param appSecret the mini-program's app secret (never logged)
 * @param apps several mini-programs served by this backend, by any name
 * @param apiBaseUrl the WeChat API server; tests and the simulator point it elsewhere
 * @param loginPath where the mini-program posts its {@code wx.login} code
 * @param refreshPath where a refresh token is exchanged for new tokens
 * @param logoutPath where a bearer logs out (revokes its login)
 * @param phonePath where a bearer gets its phone number
 * @param profilePath where a bearer gets its decrypted user profile
 * @param usedCodeTtl how long a code already exchanged is remembered, so that its replay
 * is refused without asking WeChat; at least the five minutes a code lives at WeChat
 * @param jwt access and refresh tokens
 * @param store where login state is kept: {@code memory} for one instance, {@code redis}
 * to share it between instances
 * @param memory the bounds of the memory store
 * @param http calls to WeChat
 * @param redis the Redis store ({@code store=redis})
 */
@ConfigurationProperties("wx.login")
public record WxLoginProperties(@DefaultValue("true") boolean enabled, @Nullable String appId,
		@Nullable String appSecret, @DefaultValue Map<String, App> apps,
		@DefaultValue("https://api.weixin.qq.com") String apiBaseUrl,
		@DefaultValue(WxLoginEndpoints.DEFAULT_LOGIN_PATH) String loginPath,
		@DefaultValue(WxLoginEndpoints.DEFAULT_REFRESH_PATH) String refreshPath,
		@DefaultValue(WxLoginEndpoints.DEFAULT_LOGOUT_PATH) String logoutPath,
		@DefaultValue(WxLoginEndpoints.DEFAULT_PHONE_PATH) String phonePath,
		@DefaultValue(WxLoginEndpoints.DEFAULT_PROFILE_PATH) String profilePath,
		@DefaultValue("10m") Duration usedCodeTtl, @DefaultValue Jwt jwt, @DefaultValue("memory") Store store,
		@DefaultValue Memory memory, @DefaultValue Http http, @DefaultValue Redis redis) {

	@Override
	public String toString() {
		return "WxLoginProperties[appId=" + this.appId + ", apps=" + this.apps.keySet() + ", apiBaseUrl="
				+ this.apiBaseUrl + ", store=" + this.store + "]";
	}

	/**
	 * One mini-program.
	 *
	 * @param appId the app id
	 * @param appSecret the app secret (never logged)
	 */
	public record App(@Nullable String appId, @Nullable String appSecret) {

		@Override
		public String toString() {
			return "App[appId=" + this.appId + "]";
		}

	}

	/**
	 * Access and refresh tokens.
	 *
	 * @param issuer the {@code iss} claim, checked on every request
	 * @param audience the {@code aud} claim, checked on every request; defaults to each
	 * token's app id
	 * @param accessTokenTtl how long an access token lives
	 * @param refreshTokenTtl how long a refresh token lives (each rotation starts anew)
	 * @param privateKey PEM resource ({@code file:} or {@code classpath:}) of an EC
	 * P-256, RSA (2048 bits or more) or Ed25519 private key, in PKCS#8, PKCS#1 or SEC1
	 * form; without it (and without {@code secret}) a key is generated at start-up
	 * @param secret HS256 shared secret of at least 32 bytes, instead of a key pair
	 * @param previousKeys key rotation: PEM resources of the keys tokens were signed with
	 * before {@code private-key} (public or private keys, any supported type); their
	 * tokens are still accepted, by {@code kid}, and their public keys published in the
	 * JWK set. Only {@code private-key} signs. Remove a key once the access token TTL has
	 * passed since it stopped signing
	 * @param previousSecrets key rotation with HS256: earlier secrets whose tokens are
	 * still accepted (never logged)
	 * @param jwksPath where the public JWK set is served (not with {@code secret})
	 * @param verifiedCacheSize how many verified access tokens each instance remembers,
	 * so that a token's signature is checked once (about 300 bytes of heap each); 0
	 * checks it on every request
	 */
	public record Jwt(@DefaultValue("wx-login") String issuer, @Nullable String audience,
			@DefaultValue("2h") Duration accessTokenTtl, @DefaultValue("30d") Duration refreshTokenTtl,
			@Nullable Resource privateKey, @Nullable String secret, @DefaultValue List<Resource> previousKeys,
			@DefaultValue List<String> previousSecrets,
			@DefaultValue(WxLoginEndpoints.DEFAULT_JWKS_PATH) String jwksPath,
			@DefaultValue("100000") long verifiedCacheSize) {

		@Override
		public String toString() {
			return "Jwt[issuer=" + this.issuer + ", audience=" + this.audience + ", accessTokenTtl="
					+ this.accessTokenTtl + ", refreshTokenTtl=" + this.refreshTokenTtl + ", previousKeys="
					+ this.previousKeys.size() + ", previousSecrets=" + this.previousSecrets.size() + "]";
		}

	}

	/**
	 * The bounds of the memory store ({@code wx.login.store=memory}). Used codes, refresh
	 * tokens and revocations are what security depends on: none is evicted before its
	 * deadline, and at a bound what would add one (a login, a rotation, a logout) is
	 * answered {@code 503 store_unavailable} until some expire. Session keys can be lost
	 * (the user logs in again to send encrypted data): the least used are evicted.
	 *
	 * @param maxUsedCodes how many used {@code wx.login} codes are remembered (each for
	 * {@code used-code-ttl}, about 130 bytes of heap)
	 * @param maxRefreshTokens how many refresh tokens, current and rotated, are kept
	 * (each until its expiry, about 250 bytes)
	 * @param maxRevocations how many revoked access tokens, and how many revoked logins,
	 * are kept (each until the last of its tokens could expire)
	 * @param maxSessionKeys how many session keys are kept (about 170 bytes each)
	 */
	public record Memory(@DefaultValue("1000000") long maxUsedCodes, @DefaultValue("1000000") long maxRefreshTokens,
			@DefaultValue("1000000") long maxRevocations, @DefaultValue("1000000") long maxSessionKeys) {
	}

	/**
	 * Calls to WeChat.
	 *
	 * @param connectTimeout how long to wait for a connection
	 * @param readTimeout how long to wait for an answer
	 */
	public record Http(@DefaultValue("2s") Duration connectTimeout, @DefaultValue("5s") Duration readTimeout) {
	}

	/**
	 * The Redis store, on Spring Boot's Redis connection ({@code spring.data.redis.*}:
	 * standalone, Sentinel or Cluster).
	 *
	 * @param keyPrefix prefix of every Redis key the starter writes, e.g. to share one
	 * Redis between applications; must not be blank or contain '{' or '}' (the starter's
	 * keys carry hash tags)
	 */
	public record Redis(@DefaultValue("wx-login:") String keyPrefix) {
	}

	/**
	 * Where login state (session keys, refresh tokens, revocations, used codes) is kept.
	 */
	public enum Store {

		/** Caffeine caches in this instance. */
		MEMORY,

		/** Redis, shared by every instance. */
		REDIS

	}

}
