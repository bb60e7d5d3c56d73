package io.github.wxlogin.store.redis;

import java.util.List;
import java.util.Objects;

import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.wxlogin.store.RevocationLookup;

/**
 * {@link RevocationLookup} for {@link RedisRevokedTokenStore} and
 * {@link RedisRefreshTokenStore} on the same Redis and key prefix: one
 * {@code EXISTS revoked:<jti> family:<sid>} per bearer request instead of two round trips.
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
		List<String> both = List.of(this.keys.revokedTokenKey(tokenId), this.keys.familyKey(familyId));
		Long existing = RedisKeys.call(() -> this.redis.countExistingKeys(both));
		return existing != null && existing > 0;
	}

}
