package io.github.wxlogin.store;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What the server keeps of one refresh token: the login it belongs to, never the token
 * itself (only its digest is the key).
 *
 * @param familyId the login (refresh family) the token belongs to; every rotation keeps
 * it
 * @param appId the mini-program's app id
 * @param openid the user's openid
 * @param unionid the user's unionid, when known
 * @param expiresAt when the token stops working
 */
public record RefreshTokenRecord(String familyId, String appId, String openid, @Nullable String unionid,
		Instant expiresAt) {

	public RefreshTokenRecord {
		Objects.requireNonNull(familyId, "familyId");
		Objects.requireNonNull(appId, "appId");
		Objects.requireNonNull(openid, "openid");
		Objects.requireNonNull(expiresAt, "expiresAt");
	}

}
