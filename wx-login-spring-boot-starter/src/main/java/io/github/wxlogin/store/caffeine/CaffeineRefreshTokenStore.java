package io.github.wxlogin.store.caffeine;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;

import io.github.wxlogin.store.RefreshTokenRecord;
import io.github.wxlogin.store.RefreshTokenStore;
import io.github.wxlogin.store.WxLoginSession;

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
		Instant now = this.clock.instant();
		this.tokens.put(tokenDigest, new Entry(record, false, now, now));
	}

	@Override
	public Rotation rotate(String tokenDigest, String nextDigest, Instant nextExpiresAt) {
		Instant now = this.clock.instant();
		Rotation[] outcome = { new Rotation.Invalid() };
		Instant[] created = { now };
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
			created[0] = entry.created();
			return new Entry(record, true, entry.created(), entry.issued());
		});
		if (outcome[0] instanceof Rotation.Reused reused) {
			revokeFamily(reused.familyId(), nextExpiresAt);
		}
		else if (outcome[0] instanceof Rotation.Rotated rotated) {
			RefreshTokenRecord previous = rotated.previous();
			this.tokens.put(nextDigest, new Entry(new RefreshTokenRecord(previous.familyId(), previous.appId(),
					previous.openid(), previous.unionid(), nextExpiresAt), false, created[0], now));
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

	/**
	 * Scans every token: for operators, not for requests.
	 */
	@Override
	public List<WxLoginSession> logins(String appId, String openid) {
		Instant now = this.clock.instant();
		return this.tokens.asMap()
			.values()
			.stream()
			.filter((entry) -> !entry.used() && entry.record().appId().equals(appId)
					&& entry.record().openid().equals(openid) && entry.record().expiresAt().isAfter(now)
					&& !isFamilyRevoked(entry.record().familyId()))
			.map((entry) -> new WxLoginSession(entry.record().familyId(), entry.created(), entry.issued()))
			.sorted(Comparator.comparing(WxLoginSession::created))
			.toList();
	}

	/**
	 * @param created when the login started
	 * @param issued when this token was issued
	 */
	private record Entry(RefreshTokenRecord record, boolean used, Instant created, Instant issued) {
	}

}
