package io.github.wxlogin.store.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.wxlogin.store.RefreshTokenRecord;
import io.github.wxlogin.store.RefreshTokenStore;
import io.github.wxlogin.store.WxLoginSession;

/**
 * {@link RefreshTokenStore} on Redis: one hash per login ({@code {sid}:login}) holding
 * the current refresh token's digest and expiry, the digests of the tokens rotated before
 * (for reuse detection, each until its own expiry) and the revocation mark; the hash
 * expires with the last of them. Rotation is one Lua script on that one key, so it is
 * atomic across every instance and runs on one slot of a Redis Cluster.
 * <p>
 * Each user's logins are also listed in a sorted set ({@code {app:openid}:logins}) for
 * {@link #logins}. Revocations are announced on the {@link RedisRevocationFeed}.
 */
public final class RedisRefreshTokenStore implements RefreshTokenStore {

	private static final String REVOKED = "x";

	private static final int DIGEST_LENGTH = 22;

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final RedisRevocationFeed feed;

	public RedisRefreshTokenStore(StringRedisTemplate redis, RedisKeys keys, RedisRevocationFeed feed) {
		this.redis = Objects.requireNonNull(redis, "redis");
		this.keys = Objects.requireNonNull(keys, "keys");
		this.feed = Objects.requireNonNull(feed, "feed");
	}

	@Override
	public void save(String tokenDigest, RefreshTokenRecord record) {
		String now = Long.toString(System.currentTimeMillis());
		String expiresAt = Long.toString(record.expiresAt().toEpochMilli());
		// listed first: a login revokeAll cannot find must never exist
		index(record.appId(), record.openid(), record.familyId(), expiresAt, now);
		RedisKeys.call(() -> this.redis.execute(RedisScripts.SAVE_LOGIN, List.of(this.keys.loginKey(record.familyId())),
				shorten(tokenDigest), expiresAt, record.appId(), record.openid(),
				(record.unionid() != null) ? record.unionid() : "", now));
	}

	/**
	 * Not supported: the login's hash is found by its family, see
	 * {@link #rotate(String, String, String, Instant)}.
	 */
	@Override
	public Rotation rotate(String tokenDigest, String nextDigest, Instant nextExpiresAt) {
		throw new UnsupportedOperationException("The Redis store finds a refresh token by its family");
	}

	@Override
	public Rotation rotate(String familyId, String tokenDigest, String nextDigest, Instant nextExpiresAt) {
		String now = Long.toString(System.currentTimeMillis());
		String next = Long.toString(nextExpiresAt.toEpochMilli());
		List<?> result = RedisKeys.call(() -> this.redis.execute(RedisScripts.ROTATE,
				List.of(this.keys.loginKey(familyId)), shorten(tokenDigest), shorten(nextDigest), now, next));
		if (result == null || result.isEmpty()) {
			return new Rotation.Invalid();
		}
		switch (String.valueOf(result.get(0))) {
			case "rotated" -> {
				RefreshTokenRecord previous = new RefreshTokenRecord(familyId, string(result, 1), string(result, 2),
						nullIfEmpty(string(result, 3)), Instant.ofEpochMilli(Long.parseLong(string(result, 4))));
				index(previous.appId(), previous.openid(), familyId, next, now);
				return new Rotation.Rotated(previous);
			}
			case "reused" -> {
				this.feed.publish(familyId, null);
				return new Rotation.Reused(familyId);
			}
			default -> {
				return new Rotation.Invalid();
			}
		}
	}

	@Override
	public void revokeFamily(String familyId, Instant keepUntil) {
		this.feed.publish(familyId, null);
		mark(this.redis, this.keys.loginKey(familyId), REVOKED, keepUntil);
	}

	@Override
	public boolean isFamilyRevoked(String familyId) {
		return RedisKeys.call(() -> this.redis.opsForHash().hasKey(this.keys.loginKey(familyId), REVOKED));
	}

	@Override
	public List<WxLoginSession> logins(String appId, String openid) {
		long now = System.currentTimeMillis();
		Set<String> families = RedisKeys.call(() -> this.redis.opsForZSet()
			.rangeByScore(this.keys.userLoginsKey(appId, openid), now, Double.POSITIVE_INFINITY));
		List<WxLoginSession> logins = new ArrayList<>();
		if (families == null) {
			return logins;
		}
		for (String familyId : families) {
			List<Object> login = RedisKeys.call(() -> this.redis.opsForHash()
				.multiGet(this.keys.loginKey(familyId), List.of("c", "r", "e", REVOKED)));
			if (login == null || login.get(0) == null || login.get(3) != null
					|| Long.parseLong((String) login.get(2)) <= now) {
				continue;
			}
			Instant created = Instant.ofEpochMilli(Long.parseLong((String) login.get(0)));
			logins.add(new WxLoginSession(familyId, created,
					(login.get(1) != null) ? Instant.ofEpochMilli(Long.parseLong((String) login.get(1))) : created));
		}
		logins.sort((a, b) -> a.created().compareTo(b.created()));
		return logins;
	}

	/**
	 * The first 22 characters (128 bits) of a token digest: enough to tell the tokens of
	 * one login apart, and 21 bytes less per token in Redis.
	 */
	static String shorten(String digest) {
		return (digest.length() > DIGEST_LENGTH) ? digest.substring(0, DIGEST_LENGTH) : digest;
	}

	private void index(String appId, String openid, String familyId, String expiresAt, String now) {
		RedisKeys.call(() -> this.redis.execute(RedisScripts.INDEX_LOGIN,
				List.of(this.keys.userLoginsKey(appId, openid)), familyId, expiresAt, now));
	}

	/**
	 * Set a revocation mark in a login's hash, keeping the hash at least until
	 * {@code keepUntil}: one script, so the hash never exists without its expiry.
	 */
	static void mark(StringRedisTemplate redis, String loginKey, String field, Instant keepUntil) {
		RedisKeys.call(() -> redis.execute(RedisScripts.REVOKE, List.of(loginKey), field,
				Long.toString(keepUntil.toEpochMilli())));
	}

	private static String string(List<?> result, int index) {
		Object value = result.get(index);
		return (value != null) ? String.valueOf(value) : "";
	}

	private static String nullIfEmpty(String value) {
		return value.isEmpty() ? null : value;
	}

}
