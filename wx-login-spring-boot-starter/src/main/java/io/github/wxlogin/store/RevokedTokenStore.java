package io.github.wxlogin.store;

import java.time.Instant;

/**
 * Access tokens revoked before their expiry (by logout), keyed by their {@code jti}.
 * An entry is kept until the token would have expired anyway, then forgotten.
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

}
