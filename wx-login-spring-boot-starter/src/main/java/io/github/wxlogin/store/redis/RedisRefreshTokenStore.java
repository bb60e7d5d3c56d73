package io.github.wxlogin.store.redis;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import io.github.wxlogin.store.RefreshTokenRecord;
import io.github.wxlogin.store.RefreshTokenStore;

/**
 * {@link RefreshTokenStore} on Redis: one hash per refresh token (keyed by its digest) and
 * one key per revoked family, each expiring at its deadline. Rotation is one Lua script,
 * so it is atomic across every instance: of two concurrent rotations of one token exactly
 * one finds it unused.
 * <p>
 * The script reads the family key it derives from the token's hash, so all keys must live
 * on one Redis node (a single Redis, or Sentinel; not a Redis Cluster).
 */
public final class RedisRefreshTokenStore implements RefreshTokenStore {

	private static final RedisScript<List> ROTATE = RedisScript
		.of(new ClassPathResource("io/github/wxlogin/store/redis/rotate-refresh-token.lua"), List.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	public RedisRefreshTokenStore(StringRedisTemplate redis, RedisKeys keys) {
		this.redis = Objects.requireNonNull(redis, "redis");
		this.keys = Objects.requireNonNull(keys, "keys");
	}

	@Override
	public void save(String tokenDigest, RefreshTokenRecord record) {
		String key = tokenKey(tokenDigest);
		RedisKeys.call(() -> {
			this.redis.opsForHash()
				.putAll(key, Map.of("family", record.familyId(), "app", record.appId(), "openid", record.openid(),
						"unionid", (record.unionid() != null) ? record.unionid() : "", "exp",
						Long.toString(record.expiresAt().toEpochMilli()), "used", "0"));
			this.redis.expireAt(key, record.expiresAt());
			return null;
		});
	}

	@Override
	public Rotation rotate(String tokenDigest, String nextDigest, Instant nextExpiresAt) {
		List<?> result = RedisKeys.call(() -> this.redis.execute(ROTATE,
				List.of(tokenKey(tokenDigest), tokenKey(nextDigest)), Long.toString(System.currentTimeMillis()),
				Long.toString(nextExpiresAt.toEpochMilli()), this.keys.familyKey("")));
		if (result == null || result.isEmpty()) {
			return new Rotation.Invalid();
		}
		return switch (String.valueOf(result.get(0))) {
			case "rotated" -> new Rotation.Rotated(new RefreshTokenRecord(string(result, 1), string(result, 2),
					string(result, 3), nullIfEmpty(string(result, 4)), Instant.ofEpochMilli(Long.parseLong(string(result, 5)))));
			case "reused" -> new Rotation.Reused(string(result, 1));
			default -> new Rotation.Invalid();
		};
	}

	@Override
	public void revokeFamily(String familyId, Instant keepUntil) {
		RedisKeys.setUntil(this.redis, familyKey(familyId), keepUntil);
	}

	@Override
	public boolean isFamilyRevoked(String familyId) {
		return Boolean.TRUE.equals(RedisKeys.call(() -> this.redis.hasKey(familyKey(familyId))));
	}

	private String tokenKey(String digest) {
		return this.keys.key("refresh", digest);
	}

	private String familyKey(String familyId) {
		return this.keys.familyKey(familyId);
	}

	private static String string(List<?> result, int index) {
		return String.valueOf(result.get(index));
	}

	private static String nullIfEmpty(String value) {
		return value.isEmpty() ? null : value;
	}

}
