package io.github.wxlogin.store;

/**
 * The question every bearer request asks: was this access token, or its whole login,
 * revoked? One call, so that a store reached over the network answers it with one round
 * trip instead of asking {@link RevokedTokenStore} and {@link RefreshTokenStore} in turn.
 * <p>
 * Its answers must be those of the two stores: {@code true} exactly when
 * {@link RevokedTokenStore#isRevoked(String, String) the jti was revoked} or
 * {@link RefreshTokenStore#isFamilyRevoked(String) the family was}.
 * <p>
 * Thread-safe; may throw {@link StoreUnavailableException}.
 */
@FunctionalInterface
public interface RevocationLookup {

	/**
	 * @param tokenId the access token's {@code jti}
	 * @param familyId its login's refresh family ({@code sid})
	 * @return whether the token or its login was revoked
	 */
	boolean isRevoked(String tokenId, String familyId);

	/**
	 * @return the lookup that asks the two stores one after the other
	 */
	static RevocationLookup of(RevokedTokenStore revokedTokens, RefreshTokenStore refreshTokens) {
		return (tokenId, familyId) -> revokedTokens.isRevoked(tokenId, familyId)
				|| refreshTokens.isFamilyRevoked(familyId);
	}

}
