package io.github.wxlogin.token;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.github.wxlogin.store.KeyDigest;
import io.github.wxlogin.store.RefreshTokenRecord;
import io.github.wxlogin.store.RefreshTokenStore;
import io.github.wxlogin.store.RefreshTokenStore.Rotation;

/**
 * Issues and rotates refresh tokens (RFC 9700 §4.14): the login's id, a dot and 256
 * random bits, stored only as a SHA-256 digest, bound to their app and login (family),
 * expiring after their time to live. The login's id (the {@code sid} of its access
 * tokens, not a secret) lets a store keep everything of one login together, e.g. in one
 * Redis Cluster slot. A token already rotated that comes back is a stolen copy: the whole
 * family is revoked.
 * <p>
 * Thread-safe; atomicity is the store's.
 */
public final class RefreshTokenRotation {

	private static final int TOKEN_BYTES = 32;

	/**
	 * Base64url length of a login id (16 bytes), a dot, and {@value #TOKEN_BYTES} bytes,
	 * without padding.
	 */
	private static final int TOKEN_LENGTH = 22 + 1 + 43;

	private static final int SEPARATOR = 22;

	private final SecureRandom random = new SecureRandom();

	private final RefreshTokenStore store;

	private final Duration timeToLive;

	private final Clock clock;

	public RefreshTokenRotation(RefreshTokenStore store, Duration timeToLive, Clock clock) {
		this.store = Objects.requireNonNull(store, "store");
		this.timeToLive = Objects.requireNonNull(timeToLive, "timeToLive");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * Start a new login (family) and issue its first refresh token.
	 */
	public IssuedRefreshToken start(String appId, String openid, @Nullable String unionid) {
		String familyId = RandomIds.next();
		IssuedRefreshToken token = newToken(familyId);
		this.store.save(KeyDigest.sha256(token.value()),
				new RefreshTokenRecord(familyId, appId, openid, unionid, token.expiresAt()));
		return token;
	}

	/**
	 * Consume a refresh token and issue its successor.
	 * @param presented the token the client sent
	 * @return the successor with what the token was issued for, or {@code null} when the
	 * token is not (or no longer) good; a reused token has revoked its family by then
	 */
	public @Nullable Rotated rotate(String presented) {
		return rotate(presented, (familyId) -> {
		});
	}

	/**
	 * Consume a refresh token and issue its successor, telling of a reuse.
	 * @param presented the token the client sent
	 * @param onReuse called with the family id when the token had already been rotated
	 * (its family is revoked by then)
	 * @return as {@link #rotate(String)}
	 */
	public @Nullable Rotated rotate(String presented, java.util.function.Consumer<String> onReuse) {
		if (presented.length() != TOKEN_LENGTH || presented.charAt(SEPARATOR) != '.') {
			return null;
		}
		String familyId = presented.substring(0, SEPARATOR);
		IssuedRefreshToken placeholder = newToken(familyId);
		Rotation rotation = this.store.rotate(familyId, KeyDigest.sha256(presented),
				KeyDigest.sha256(placeholder.value()), placeholder.expiresAt());
		if (rotation instanceof Rotation.Rotated rotated) {
			RefreshTokenRecord previous = rotated.previous();
			return new Rotated(placeholder, previous);
		}
		if (rotation instanceof Rotation.Reused reused) {
			onReuse.accept(reused.familyId());
		}
		return null;
	}

	/**
	 * Revoke every refresh token of a login, and with them its access tokens.
	 */
	public void revokeFamily(String familyId) {
		this.store.revokeFamily(familyId, this.clock.instant().plus(this.timeToLive));
	}

	/**
	 * @return whether the login was revoked (logout or theft)
	 */
	public boolean isRevoked(String familyId) {
		return this.store.isFamilyRevoked(familyId);
	}

	private IssuedRefreshToken newToken(String familyId) {
		byte[] bytes = new byte[TOKEN_BYTES];
		this.random.nextBytes(bytes);
		String value = familyId + '.' + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant expiresAt = this.clock.instant().plus(this.timeToLive);
		return new IssuedRefreshToken(value, familyId, expiresAt);
	}

	/**
	 * A successful rotation.
	 *
	 * @param next the new refresh token (same family)
	 * @param previous what the presented token was issued for
	 */
	public record Rotated(IssuedRefreshToken next, RefreshTokenRecord previous) {
	}

}
