package io.github.wxlogin.store.caffeine;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;

import io.github.wxlogin.store.RefreshTokenRecord;
import io.github.wxlogin.store.RefreshTokenStore;
import io.github.wxlogin.store.WxLoginSession;

/**
 * {@link RefreshTokenStore} in Caffeine caches. Rotation is one atomic {@code compute} on
 * the presented token's entry: of two concurrent rotations only one sees it unused.
 * <p>
 * Nothing here is evicted before its deadline: a refresh token lives until its expiry (a
 * rotated one too, so that its reuse is recognized as theft) and a revoked family until
 * the last of its tokens could expire. At the bound of either cache, what would add to it
 * is refused ({@link io.github.wxlogin.store.StoreUnavailableException}, answered
 * {@code 503}) rather than let older state go: a login or a rotation while the tokens are
 * at {@code maximumTokens}, a revocation while the families are at
 * {@code maximumRevokedFamilies}. Keyed by a 128-bit digest of the token's digest; a
 * record's ids are kept as packed ASCII.
 */
public final class CaffeineRefreshTokenStore implements RefreshTokenStore {

	private final Cache<Digest128, Entry> tokens;

	private final Cache<String, Revocation> revokedFamilies;

	private final long maximumTokens;

	private final long maximumRevokedFamilies;

	private final Clock clock;

	/**
	 * @param maximumSize the bound of both the tokens and the revoked families
	 * @param clock the clock deadlines are on
	 */
	public CaffeineRefreshTokenStore(long maximumSize, Clock clock) {
		this(maximumSize, maximumSize, clock);
	}

	/**
	 * @param maximumTokens how many refresh tokens (current and rotated) may be kept at
	 * once
	 * @param maximumRevokedFamilies how many revoked logins may be kept at once
	 * @param clock the clock deadlines are on
	 */
	public CaffeineRefreshTokenStore(long maximumTokens, long maximumRevokedFamilies, Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
		this.maximumTokens = maximumTokens;
		this.maximumRevokedFamilies = maximumRevokedFamilies;
		this.tokens = Deadlines.bounded(clock, Entry::expiresAt);
		this.revokedFamilies = Deadlines.bounded(clock, Revocation::until);
	}

	@Override
	public void save(String tokenDigest, RefreshTokenRecord record) {
		Deadlines.ensureRoom(this.tokens, this.maximumTokens, "refresh tokens");
		long now = this.clock.millis();
		this.tokens.put(Digest128.of(tokenDigest), Entry.of(record, false, now, now));
	}

	@Override
	public Rotation rotate(String tokenDigest, String nextDigest, Instant nextExpiresAt) {
		long now = this.clock.millis();
		boolean room = Deadlines.hasRoom(this.tokens, this.maximumTokens);
		boolean[] full = new boolean[1];
		long[] created = { now };
		Rotation[] outcome = { new Rotation.Invalid() };
		this.tokens.asMap().computeIfPresent(Digest128.of(tokenDigest), (digest, entry) -> {
			if (entry.expiresAt() <= now) {
				return entry;
			}
			RefreshTokenRecord record = entry.record();
			if (isFamilyRevoked(record.familyId())) {
				return entry;
			}
			if (entry.used()) {
				outcome[0] = new Rotation.Reused(record.familyId());
				return entry;
			}
			if (!room) {
				// no room for the successor: the presented token stays unused, to try
				// again
				full[0] = true;
				return entry;
			}
			outcome[0] = new Rotation.Rotated(record);
			created[0] = entry.created();
			return entry.markedUsed();
		});
		if (full[0]) {
			throw Deadlines.full("refresh tokens", this.maximumTokens);
		}
		if (outcome[0] instanceof Rotation.Reused reused) {
			revokeFamily(reused.familyId(), nextExpiresAt);
		}
		else if (outcome[0] instanceof Rotation.Rotated rotated) {
			RefreshTokenRecord previous = rotated.previous();
			this.tokens.put(Digest128.of(nextDigest), Entry.of(new RefreshTokenRecord(previous.familyId(),
					previous.appId(), previous.openid(), previous.unionid(), nextExpiresAt), false, created[0], now));
		}
		return outcome[0];
	}

	@Override
	public void revokeFamily(String familyId, Instant keepUntil) {
		Deadlines.ensureRoom(this.revokedFamilies, this.maximumRevokedFamilies, "revoked logins");
		this.revokedFamilies.asMap()
			.merge(familyId, new Revocation(keepUntil.toEpochMilli()), (a, b) -> (a.until() >= b.until()) ? a : b);
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
		long now = this.clock.millis();
		return this.tokens.asMap()
			.values()
			.stream()
			.filter((entry) -> !entry.used() && entry.expiresAt() > now)
			.map((entry) -> Map.entry(entry, entry.record()))
			.filter((pair) -> pair.getValue().appId().equals(appId) && pair.getValue().openid().equals(openid)
					&& !isFamilyRevoked(pair.getValue().familyId()))
			.map((pair) -> new WxLoginSession(pair.getValue().familyId(), Instant.ofEpochMilli(pair.getKey().created()),
					Instant.ofEpochMilli(pair.getKey().issued())))
			.sorted(Comparator.comparing(WxLoginSession::created))
			.toList();
	}

	private record Revocation(long until) {
	}

	/**
	 * A refresh token's record: family id, app id, openid and unionid packed into one
	 * array, its expiry, when its login started and when it was issued (epoch
	 * milliseconds), and whether it was rotated.
	 */
	private record Entry(byte[] ids, long expiresAt, long created, long issued, boolean used) {

		static Entry of(RefreshTokenRecord record, boolean used, long created, long issued) {
			return new Entry(Ascii.pack(record.familyId(), record.appId(), record.openid(), record.unionid()),
					record.expiresAt().toEpochMilli(), created, issued, used);
		}

		RefreshTokenRecord record() {
			String[] ids = Ascii.unpack(this.ids, 4);
			return new RefreshTokenRecord(ids[0], ids[1], ids[2], ids[3], Instant.ofEpochMilli(this.expiresAt));
		}

		Entry markedUsed() {
			return new Entry(this.ids, this.expiresAt, this.created, this.issued, true);
		}

	}

}
