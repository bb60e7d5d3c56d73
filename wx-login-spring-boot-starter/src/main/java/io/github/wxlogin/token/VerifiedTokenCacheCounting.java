package io.github.wxlogin.token;

import java.util.Objects;
import java.util.function.UnaryOperator;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import io.github.wxlogin.metrics.WxLoginMetrics;

/**
 * Counts the hits and misses of a verified-token cache without knowing its insides: the
 * cache is built around a verifier that marks the current lookup a miss when it is asked,
 * and the cache itself is wrapped to tell {@link WxLoginMetrics} which it was. Any
 * caching {@link JwtDecoder} that asks its delegate only on a miss works,
 * {@link CachingJwtDecoder} included.
 */
public final class VerifiedTokenCacheCounting {

	private static final ThreadLocal<boolean[]> MISSED = ThreadLocal.withInitial(() -> new boolean[1]);

	private VerifiedTokenCacheCounting() {
	}

	/**
	 * @param verifier the decoder that checks signatures and claims
	 * @param cache builds the caching decoder around the verifier it is given
	 * @param metrics told of every lookup
	 * @return the caching decoder, counted
	 */
	public static JwtDecoder counted(JwtDecoder verifier, UnaryOperator<JwtDecoder> cache, WxLoginMetrics metrics) {
		Objects.requireNonNull(verifier, "verifier");
		Objects.requireNonNull(metrics, "metrics");
		JwtDecoder caching = cache.apply((token) -> {
			MISSED.get()[0] = true;
			return verifier.decode(token);
		});
		if (metrics == WxLoginMetrics.NONE) {
			return caching;
		}
		return (token) -> decode(caching, token, metrics);
	}

	private static Jwt decode(JwtDecoder caching, String token, WxLoginMetrics metrics) throws JwtException {
		boolean[] missed = MISSED.get();
		missed[0] = false;
		try {
			return caching.decode(token);
		}
		finally {
			metrics.verifiedTokenCache(!missed[0]);
		}
	}

}
