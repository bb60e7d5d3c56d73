package io.github.wxlogin.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A {@link JwtDecoder} that remembers the tokens it verified, so that a token's signature
 * is checked once per instance instead of on every request. Entries are keyed by the exact
 * token string, bounded in number, and each lives no longer than its token's {@code exp};
 * a token that failed is never remembered. Revocation is not decided here, so it applies
 * to remembered tokens at once (see {@link AccessTokenRevocation}).
 * <p>
 * Thread-safe.
 */
public final class CachingJwtDecoder implements JwtDecoder {

	private final JwtDecoder delegate;

	private final Cache<TokenKey, Jwt> verified;

	private final Clock clock;

	/**
	 * @param delegate verifies tokens not seen before
	 * @param maximumSize how many verified tokens to remember at most
	 * @param clock the clock entries expire on
	 */
	public CachingJwtDecoder(JwtDecoder delegate, long maximumSize, Clock clock) {
		this.delegate = Objects.requireNonNull(delegate, "delegate");
		this.clock = Objects.requireNonNull(clock, "clock");
		// Caffeine's own ticker evicts each entry around its token's exp; the exact instant is
		// checked on every hit against the clock
		Expiry<TokenKey, Jwt> untilExpiry = Expiry.creating((token, jwt) -> remaining(jwt));
		this.verified = Caffeine.newBuilder().maximumSize(maximumSize).expireAfter(untilExpiry).build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		TokenKey key = new TokenKey(token);
		Jwt jwt = this.verified.getIfPresent(key);
		if (jwt != null) {
			Instant expiresAt = jwt.getExpiresAt();
			if (expiresAt != null && this.clock.instant().isBefore(expiresAt)) {
				return jwt;
			}
			// expired: forget it, and let the verifier give its own answer
			this.verified.invalidate(key);
		}
		jwt = this.delegate.decode(token);
		if (!remaining(jwt).isZero()) {
			this.verified.put(key, jwt);
		}
		return jwt;
	}

	private Duration remaining(Jwt jwt) {
		Instant expiresAt = jwt.getExpiresAt();
		if (expiresAt == null) {
			return Duration.ZERO;
		}
		Duration left = Duration.between(this.clock.instant(), expiresAt);
		return left.isNegative() ? Duration.ZERO : left;
	}

	/**
	 * The exact token, compared in full, but hashed on its last characters only: a new
	 * string is hashed on every request, and a whole 500-character token costs a few
	 * percent of a cached request. Those characters are the end of the signature, random
	 * for every token issued; only tokens that passed verification are stored, so nobody
	 * can fill the cache with keys that collide.
	 */
	private static final class TokenKey {

		private static final int HASHED_CHARACTERS = 16;

		private final String token;

		private final int hash;

		TokenKey(String token) {
			this.token = token;
			int hash = token.length();
			for (int i = Math.max(0, token.length() - HASHED_CHARACTERS); i < token.length(); i++) {
				hash = 31 * hash + token.charAt(i);
			}
			this.hash = hash;
		}

		@Override
		public boolean equals(Object other) {
			return (other instanceof TokenKey key) && this.token.equals(key.token);
		}

		@Override
		public int hashCode() {
			return this.hash;
		}

	}

}
