package io.github.wxlogin.store.caffeine;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;

import io.github.wxlogin.store.RefreshTokenRecord;
import io.github.wxlogin.store.RefreshTokenStore;

/**
 * {@link RefreshTokenStore} in bounded Caffeine caches. Rotation is one atomic
 * {@code compute} on the presented token's entry: of two concurrent rotations only one
 * sees it unused.
 */
public final class CaffeineRefreshTokenStore implements RefreshTokenStore {

	private final Cache<String, Entry> tokens;

	private final Cache<String, Instant> revokedFamilies;

	private final Clock clock;

	public CaffeineRefreshTokenStore(long maximumSize, Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
		this.tokens = Deadlines.<String, Entry>cache(maximumSize, clock, (entry) -> entry.record().expiresAt())
			.build();
		this.revokedFamilies = Deadlines.<String, Instant>cache(maximumSize, clock, (until) -> until).build();
	}

	@Override
	public void save(String tokenDigest, RefreshTokenRecord record) {
		this.tokens.put(tokenDigest, new Entry(record, false));
	}

	@Override
	public Rotation rotate(String tokenDigest, String nextDigest, Instant nextExpiresAt) {
		Instant now = this.clock.instant();
		Rotation[] outcome = { new Rotation.Invalid() };
		this.tokens.asMap().computeIfPresent(tokenDigest, (digest, entry) -> {
			RefreshTokenRecord record = entry.record();
			if (!record.expiresAt().isAfter(now) || isFamilyRevoked(record.familyId())) {
				return entry;
			}
			if (entry.used()) {
				outcome[0] = new Rotation.Reused(record.familyId());
				return entry;
			}
			outcome[0] = new Rotation.Rotated(record);
			return new Entry(record, true);
		});
		if (outcome[0] instanceof Rotation.Reused reused) {
			revokeFamily(reused.familyId(), nextExpiresAt);
		}
		else if (outcome[0] instanceof Rotation.Rotated rotated) {
			RefreshTokenRecord previous = rotated.previous();
			this.tokens.put(nextDigest, new Entry(new RefreshTokenRecord(previous.familyId(), previous.appId(),
					previous.openid(), previous.unionid(), nextExpiresAt), false));
		}
		return outcome[0];
	}

	@Override
	public void revokeFamily(String familyId, Instant keepUntil) {
		this.revokedFamilies.asMap().merge(familyId, keepUntil, (a, b) -> a.isAfter(b) ? a : b);
	}

	@Override
	public boolean isFamilyRevoked(String familyId) {
		return this.revokedFamilies.getIfPresent(familyId) != null;
	}

	private record Entry(RefreshTokenRecord record, boolean used) {
	}

}
