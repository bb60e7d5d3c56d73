package io.github.wxlogin.token;

import java.time.Instant;
import java.util.Objects;

import org.springframework.security.oauth2.jwt.Jwt;

import io.github.wxlogin.store.RevocationLookup;
import io.github.wxlogin.store.RevokedTokenStore;

/**
 * Revokes access tokens before their expiry, and tells whether one was: a token is
 * revoked when its own {@code jti} was (logout with it) or its login was ({@code sid}:
 * logout, or a stolen refresh token reused). Checked on every bearer request, after
 * signature verification, so a remembered token is refused the moment it is revoked.
 * <p>
 * Thread-safe; the stores may throw
 * {@link io.github.wxlogin.store.StoreUnavailableException}.
 */
public final class AccessTokenRevocation {

	private final RevokedTokenStore revokedTokens;

	private final RefreshTokenRotation logins;

	private final RevocationLookup lookup;

	public AccessTokenRevocation(RevokedTokenStore revokedTokens, RefreshTokenRotation logins) {
		this(revokedTokens, logins,
				(tokenId, familyId) -> revokedTokens.isRevoked(tokenId, familyId) || logins.isRevoked(familyId));
	}

	/**
	 * @param revokedTokens where logout revokes a token
	 * @param logins where logout revokes the login
	 * @param lookup answers {@link #isRevoked(Jwt)} as the two would, in one call (see
	 * {@link RevocationLookup})
	 */
	public AccessTokenRevocation(RevokedTokenStore revokedTokens, RefreshTokenRotation logins,
			RevocationLookup lookup) {
		this.revokedTokens = Objects.requireNonNull(revokedTokens, "revokedTokens");
		this.logins = Objects.requireNonNull(logins, "logins");
		this.lookup = Objects.requireNonNull(lookup, "lookup");
	}

	/**
	 * Log out: revoke this access token until its expiry, and its whole login (every
	 * refresh token, every other access token of it).
	 */
	public void revoke(Jwt accessToken) {
		String tokenId = accessToken.getId();
		Instant expiresAt = accessToken.getExpiresAt();
		String familyId = accessToken.getClaimAsString(WxClaimNames.LOGIN_ID);
		if (tokenId != null && expiresAt != null) {
			if (familyId != null) {
				this.revokedTokens.revoke(tokenId, familyId, expiresAt);
			}
			else {
				this.revokedTokens.revoke(tokenId, expiresAt);
			}
		}
		if (familyId != null) {
			this.logins.revokeFamily(familyId);
		}
	}

	/**
	 * @return whether the token or its login was revoked; a token without {@code jti} or
	 * {@code sid} (not one of ours) counts as revoked
	 */
	public boolean isRevoked(Jwt accessToken) {
		String tokenId = accessToken.getId();
		String familyId = accessToken.getClaimAsString(WxClaimNames.LOGIN_ID);
		if (tokenId == null || familyId == null) {
			return true;
		}
		return this.lookup.isRevoked(tokenId, familyId);
	}

}
