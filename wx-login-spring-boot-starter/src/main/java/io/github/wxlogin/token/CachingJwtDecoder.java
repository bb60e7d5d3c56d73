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

	private final Cache<String, Jwt> verified;

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
		Expiry<String, Jwt> untilExpiry = Expiry.creating((token, jwt) -> remaining(jwt));
		this.verified = Caffeine.newBuilder().maximumSize(maximumSize).expireAfter(untilExpiry).build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt jwt = this.verified.getIfPresent(token);
		if (jwt != null) {
			Instant expiresAt = jwt.getExpiresAt();
			if (expiresAt != null && this.clock.instant().isBefore(expiresAt)) {
				return jwt;
			}
			// expired: forget it, and let the verifier give its own answer
			this.verified.invalidate(token);
		}
		jwt = this.delegate.decode(token);
		if (!remaining(jwt).isZero()) {
			this.verified.put(token, jwt);
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

}
