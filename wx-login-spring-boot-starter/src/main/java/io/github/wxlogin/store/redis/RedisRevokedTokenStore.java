package io.github.wxlogin.store.redis;

import java.time.Instant;
import java.util.Objects;

import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.wxlogin.store.RevokedTokenStore;

/**
 * {@link RevokedTokenStore} on Redis: a revoked {@code jti} is a field of its login's
 * hash ({@code {sid}:login}), which is kept at least until the token's own {@code exp}.
 * Revocations are announced on the {@link RedisRevocationFeed}. Only the methods that
 * name the login are supported: the login is where the revocation lives.
 */
public final class RedisRevokedTokenStore implements RevokedTokenStore {

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final RedisRevocationFeed feed;

	public RedisRevokedTokenStore(StringRedisTemplate redis, RedisKeys keys, RedisRevocationFeed feed) {
		this.redis = Objects.requireNonNull(redis, "redis");
		this.keys = Objects.requireNonNull(keys, "keys");
		this.feed = Objects.requireNonNull(feed, "feed");
	}

	/** Not supported: use {@link #revoke(String, String, Instant)}. */
	@Override
	public void revoke(String tokenId, Instant expiresAt) {
		throw new UnsupportedOperationException("The Redis store keeps a revoked token with its login");
	}

	/** Not supported: use {@link #isRevoked(String, String)}. */
	@Override
	public boolean isRevoked(String tokenId) {
		throw new UnsupportedOperationException("The Redis store keeps a revoked token with its login");
	}

	@Override
	public void revoke(String tokenId, String familyId, Instant expiresAt) {
		if (!expiresAt.isAfter(Instant.now())) {
			return;
		}
		this.feed.publish(familyId, tokenId);
		RedisRefreshTokenStore.mark(this.redis, this.keys.loginKey(familyId), field(tokenId), expiresAt);
	}

	@Override
	public boolean isRevoked(String tokenId, String familyId) {
		return RedisKeys.call(() -> this.redis.opsForHash().hasKey(this.keys.loginKey(familyId), field(tokenId)));
	}

	static String field(String tokenId) {
		return "j:" + tokenId;
	}

}
