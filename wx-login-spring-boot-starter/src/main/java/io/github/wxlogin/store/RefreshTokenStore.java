package io.github.wxlogin.store;

import java.time.Instant;
import java.util.List;

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
	 * <li>unknown, expired, or its family revoked: {@link Rotation.Invalid}, nothing
	 * changes;</li>
	 * <li>already rotated before (a stolen copy, RFC 9700 §4.14): the whole family is
	 * revoked and {@link Rotation.Reused} is answered;</li>
	 * <li>otherwise the token is marked used, {@code nextDigest} is stored with the same
	 * family and {@code nextExpiresAt}, and {@link Rotation.Rotated} carries the
	 * presented token's record.</li>
	 * </ul>
	 * Of two concurrent rotations of one token exactly one is {@code Rotated}; the other
	 * is {@code Reused}, which revokes the family, the successor included.
	 */
	Rotation rotate(String tokenDigest, String nextDigest, Instant nextExpiresAt);

	/**
	 * {@link #rotate(String, String, Instant)} for a token of a known login. A store that
	 * lays out its keys by login (Redis Cluster: one hash slot per login) needs the
	 * family to find the token; the digest still covers the whole token, so a token
	 * presented with another family's id is simply unknown. By default the family is not
	 * needed.
	 * @param familyId the family the presented token names
	 */
	default Rotation rotate(String familyId, String tokenDigest, String nextDigest, Instant nextExpiresAt) {
		return rotate(tokenDigest, nextDigest, nextExpiresAt);
	}

	/**
	 * The user's active logins: families with a refresh token that is neither expired nor
	 * revoked.
	 * @param appId the mini-program's app id
	 * @param openid the user's openid
	 * @return the logins, oldest first; empty when none
	 * @throws UnsupportedOperationException when the store cannot find a user's logins
	 */
	default List<WxLoginSession> logins(String appId, String openid) {
		throw new UnsupportedOperationException(getClass().getName() + " cannot list a user's logins");
	}

	/**
	 * Revoke every refresh token of a family (logout). Unknown families are ignored.
	 * @param familyId the family
	 * @param keepUntil how long the revocation must be remembered at least
	 */
	void revokeFamily(String familyId, Instant keepUntil);

	/**
	 * @return whether the family was revoked (logout, or a reused token); access tokens
	 * of a revoked family are refused too
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
