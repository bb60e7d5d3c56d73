package io.github.wxlogin.store;

import java.time.Instant;

/**
 * Refresh tokens and their families (one family per login), keyed by a digest of the
 * token value. Designed for implementations whose calls go over the network: rotation is
 * one atomic step, never a read followed by a write.
 * <p>
 * Thread-safe.
 */
public interface RefreshTokenStore {

	/**
	 * Store the first refresh token of a new login.
	 * @param tokenDigest digest of the token value
	 * @param record the login it belongs to; its family must be new
	 */
	void save(String tokenDigest, RefreshTokenRecord record);

	/**
	 * Atomically consume a refresh token and store its successor in the same family.
	 * <ul>
	 * <li>unknown, expired, or its family revoked: {@link Rotation.Invalid}, nothing changes;</li>
	 * <li>already rotated before (a stolen copy, RFC 9700 §4.14): the whole family is revoked
	 * and {@link Rotation.Reused} is answered;</li>
	 * <li>otherwise the token is marked used, {@code nextDigest} is stored with the same
	 * family and {@code nextExpiresAt}, and {@link Rotation.Rotated} carries the presented
	 * token's record.</li>
	 * </ul>
	 * Of two concurrent rotations of one token exactly one is {@code Rotated}; the other is
	 * {@code Reused}, which revokes the family, the successor included.
	 */
	Rotation rotate(String tokenDigest, String nextDigest, Instant nextExpiresAt);

	/**
	 * Revoke every refresh token of a family (logout). Unknown families are ignored.
	 * @param familyId the family
	 * @param keepUntil how long the revocation must be remembered at least
	 */
	void revokeFamily(String familyId, Instant keepUntil);

	/**
	 * @return whether the family was revoked (logout, or a reused token); access tokens of a
	 * revoked family are refused too
	 */
	boolean isFamilyRevoked(String familyId);

	/**
	 * The outcome of {@link #rotate}.
	 */
	sealed interface Rotation {

		/** The token was consumed; {@code previous} is what it was issued for. */
		record Rotated(RefreshTokenRecord previous) implements Rotation {
		}

		/** The token was already used: the family is now revoked. */
		record Reused(String familyId) implements Rotation {
		}

		/** Unknown, expired or revoked. */
		record Invalid() implements Rotation {
		}

	}

}
