package io.github.wxlogin.token;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 * is checked once per instance instead of on every request.
 * <p>
 * Entries are keyed by a SHA-256 digest of the whole token (no part of a token can be
 * paired with another payload), bounded in number, and each lives no longer than its
 * token's {@code exp}, which is checked against the clock on every hit; a token that
 * failed is never remembered. An entry keeps the token's claims in a compact form (about
 * 200 bytes for one of ours, see {@link VerifiedToken}) and gives back an equal
 * {@link Jwt} on a hit. Revocation is not decided here, so it applies to remembered
 * tokens at once (see {@link AccessTokenRevocation}).
 * <p>
 * Thread-safe.
 */
public final class CachingJwtDecoder implements JwtDecoder {

	private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	});

	private final JwtDecoder delegate;

	private final Cache<TokenDigest, VerifiedToken> verified;

	private final VerifiedToken.SharedParts sharedParts = new VerifiedToken.SharedParts();

	private final Clock clock;

	/**
	 * @param delegate verifies tokens not seen before
	 * @param maximumSize how many verified tokens to remember at most
	 * @param clock the clock entries expire on
	 */
	public CachingJwtDecoder(JwtDecoder delegate, long maximumSize, Clock clock) {
		this.delegate = Objects.requireNonNull(delegate, "delegate");
		this.clock = Objects.requireNonNull(clock, "clock");
		// Caffeine's own ticker evicts each entry around its token's exp; the exact
		// instant is
		// checked on every hit against the clock
		Expiry<TokenDigest, VerifiedToken> untilExpiry = Expiry
			.creating((digest, token) -> remaining(token.expiresAt()));
		this.verified = Caffeine.newBuilder().maximumSize(maximumSize).expireAfter(untilExpiry).build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		if (!isAscii(token)) {
			// never one of ours, and its digest below would not be of all of it
			return this.delegate.decode(token);
		}
		TokenDigest digest = TokenDigest.of(token);
		VerifiedToken remembered = this.verified.getIfPresent(digest);
		if (remembered != null) {
			if (this.clock.instant().isBefore(remembered.expiresAt())) {
				return remembered.toJwt(token);
			}
			// expired: forget it, and let the verifier give its own answer
			this.verified.invalidate(digest);
		}
		Jwt jwt = this.delegate.decode(token);
		Instant expiresAt = jwt.getExpiresAt();
		if (expiresAt != null && !remaining(expiresAt).isZero()) {
			VerifiedToken verified = VerifiedToken.of(jwt, this.sharedParts);
			if (verified != null) {
				this.verified.put(digest, verified);
			}
		}
		return jwt;
	}

	/**
	 * @return how many verified tokens are remembered now (approximately)
	 */
	public long size() {
		return this.verified.estimatedSize();
	}

	private static boolean isAscii(String token) {
		for (int i = 0; i < token.length(); i++) {
			if (token.charAt(i) >= 0x80) {
				return false;
			}
		}
		return true;
	}

	private Duration remaining(Instant expiresAt) {
		Duration left = Duration.between(this.clock.instant(), expiresAt);
		return left.isNegative() ? Duration.ZERO : left;
	}

	/**
	 * The first 128 bits of the SHA-256 digest of a whole ASCII token: finding another
	 * token with the same key takes about 2<sup>128</sup> tries, and only verified tokens
	 * are stored.
	 */
	private record TokenDigest(long high, long low) {

		static TokenDigest of(String token) {
			MessageDigest sha256 = SHA_256.get();
			ByteBuffer digest = ByteBuffer.wrap(sha256.digest(token.getBytes(StandardCharsets.ISO_8859_1)));
			return new TokenDigest(digest.getLong(), digest.getLong());
		}

	}

}
