package io.github.wxlogin.store;

import java.time.Instant;

/**
 * Access tokens revoked before their expiry (by logout), keyed by their {@code jti}. An
 * entry is kept until the token would have expired anyway, then forgotten.
 * <p>
 * Thread-safe; shared by every instance when the store is shared.
 */
public interface RevokedTokenStore {

	/**
	 * Revoke an access token.
	 * @param tokenId the token's {@code jti}
	 * @param expiresAt the token's {@code exp}; the entry may be dropped after it
	 */
	void revoke(String tokenId, Instant expiresAt);

	/**
	 * @return whether the token with this {@code jti} was revoked
	 */
	boolean isRevoked(String tokenId);

	/**
	 * {@link #revoke(String, Instant)} for a token of a known login. A store that lays
	 * out its keys by login (Redis Cluster: one hash slot per login) needs it, and then
	 * answers only {@link #isRevoked(String, String)}; by default the family is not
	 * needed.
	 * @param tokenId the token's {@code jti}
	 * @param familyId the token's login ({@code sid})
	 * @param expiresAt the token's {@code exp}
	 */
	default void revoke(String tokenId, String familyId, Instant expiresAt) {
		revoke(tokenId, expiresAt);
	}

	/**
	 * @return whether the token with this {@code jti} of this login was revoked with
	 * {@link #revoke(String, String, Instant)}
	 */
	default boolean isRevoked(String tokenId, String familyId) {
		return isRevoked(tokenId);
	}

}
