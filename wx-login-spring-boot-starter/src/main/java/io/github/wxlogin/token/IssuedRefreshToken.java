package io.github.wxlogin.token;

import java.time.Instant;

/**
 * A refresh token as handed to the client. Only its digest is stored.
 *
 * @param value the opaque token (256 random bits, Base64url)
 * @param familyId the login it belongs to
 * @param expiresAt when it stops working
 */
public record IssuedRefreshToken(String value, String familyId, Instant expiresAt) {

	@Override
	public String toString() {
		return "IssuedRefreshToken[familyId=" + this.familyId + ", expiresAt=" + this.expiresAt + "]";
	}

}
