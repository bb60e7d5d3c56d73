package io.github.wxlogin.store.caffeine;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;

import io.github.wxlogin.store.RevokedTokenStore;

/**
 * {@link RevokedTokenStore} in a bounded Caffeine cache; an entry lives until the token's
 * own expiry.
 */
public final class CaffeineRevokedTokenStore implements RevokedTokenStore {

	private final Cache<String, Instant> revoked;

	private final Clock clock;

	public CaffeineRevokedTokenStore(long maximumSize, Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
		this.revoked = Deadlines.<String, Instant>cache(maximumSize, clock, (expiresAt) -> expiresAt).build();
	}

	@Override
	public void revoke(String tokenId, Instant expiresAt) {
		if (expiresAt.isAfter(this.clock.instant())) {
			this.revoked.put(tokenId, expiresAt);
		}
	}

	@Override
	public boolean isRevoked(String tokenId) {
		return this.revoked.getIfPresent(tokenId) != null;
	}

}
