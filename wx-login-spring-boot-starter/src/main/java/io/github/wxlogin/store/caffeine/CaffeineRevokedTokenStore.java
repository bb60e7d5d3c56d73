package io.github.wxlogin.store.caffeine;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;

import io.github.wxlogin.store.RevokedTokenStore;

/**
 * {@link RevokedTokenStore} in a Caffeine cache; an entry lives until the token's own
 * expiry and is never evicted before: at {@code maximumSize} revocations, a new one is
 * refused ({@link io.github.wxlogin.store.StoreUnavailableException}) rather than let an
 * older one go.
 */
public final class CaffeineRevokedTokenStore implements RevokedTokenStore {

	private final Cache<String, Revocation> revoked;

	private final long maximumSize;

	private final Clock clock;

	/**
	 * @param maximumSize how many revoked tokens may be remembered at once
	 * @param clock the clock expiries are on
	 */
	public CaffeineRevokedTokenStore(long maximumSize, Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
		this.maximumSize = maximumSize;
		this.revoked = Deadlines.bounded(clock, Revocation::until);
	}

	@Override
	public void revoke(String tokenId, Instant expiresAt) {
		if (expiresAt.isAfter(this.clock.instant())) {
			Deadlines.ensureRoom(this.revoked, this.maximumSize, "revoked access tokens");
			this.revoked.asMap()
				.merge(tokenId, new Revocation(expiresAt.toEpochMilli()), (a, b) -> (a.until() >= b.until()) ? a : b);
		}
	}

	@Override
	public boolean isRevoked(String tokenId) {
		return this.revoked.getIfPresent(tokenId) != null;
	}

	private record Revocation(long until) {
	}

}
