package io.github.wxlogin.store.redis;

import java.util.List;
import java.util.Objects;

import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.wxlogin.store.RevocationLookup;

/**
 * {@link RevocationLookup} for {@link RedisRevokedTokenStore} and
 * {@link RedisRefreshTokenStore} on the same Redis and key prefix: one {@code HMGET
 * {sid}:login x j:<jti>} (one key, so one slot) answers both questions.
 */
public final class RedisRevocationLookup implements RevocationLookup {

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	public RedisRevocationLookup(StringRedisTemplate redis, RedisKeys keys) {
		this.redis = Objects.requireNonNull(redis, "redis");
		this.keys = Objects.requireNonNull(keys, "keys");
	}

	@Override
	public boolean isRevoked(String tokenId, String familyId) {
		List<Object> marks = RedisKeys.call(() -> this.redis.opsForHash()
			.multiGet(this.keys.loginKey(familyId), List.of("x", RedisRevokedTokenStore.field(tokenId))));
		return marks != null && (marks.get(0) != null || marks.get(1) != null);
	}

}
