package io.github.wxlogin.store.redis;

import java.time.Instant;
import java.util.Objects;

import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.wxlogin.store.RevokedTokenStore;

/**
 * {@link RevokedTokenStore} on Redis: one key per revoked {@code jti}, expiring at the
 * token's own {@code exp}.
 */
public final class RedisRevokedTokenStore implements RevokedTokenStore {

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	public RedisRevokedTokenStore(StringRedisTemplate redis, RedisKeys keys) {
		this.redis = Objects.requireNonNull(redis, "redis");
		this.keys = Objects.requireNonNull(keys, "keys");
	}

	@Override
	public void revoke(String tokenId, Instant expiresAt) {
		long millis = expiresAt.toEpochMilli() - System.currentTimeMillis();
		if (millis <= 0) {
			return;
		}
		RedisKeys.setUntil(this.redis, key(tokenId), expiresAt);
	}

	@Override
	public boolean isRevoked(String tokenId) {
		return Boolean.TRUE.equals(RedisKeys.call(() -> this.redis.hasKey(key(tokenId))));
	}

	private String key(String tokenId) {
		return this.keys.revokedTokenKey(tokenId);
	}

}
