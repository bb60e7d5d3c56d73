package io.github.wxlogin.store.redis;

import java.time.Duration;
import java.util.Objects;

import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.wxlogin.store.KeyDigest;
import io.github.wxlogin.store.UsedCodeStore;

/**
 * {@link UsedCodeStore} on Redis: claiming is one {@code SET key 1 NX PX ttl}; the key is
 * a digest of the code.
 */
public final class RedisUsedCodeStore implements UsedCodeStore {

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	public RedisUsedCodeStore(StringRedisTemplate redis, RedisKeys keys) {
		this.redis = Objects.requireNonNull(redis, "redis");
		this.keys = Objects.requireNonNull(keys, "keys");
	}

	@Override
	public boolean claim(String appId, String code, Duration timeToLive) {
		return Boolean.TRUE
			.equals(RedisKeys.call(() -> this.redis.opsForValue().setIfAbsent(key(appId, code), "1", timeToLive)));
	}

	@Override
	public void release(String appId, String code) {
		RedisKeys.call(() -> this.redis.delete(key(appId, code)));
	}

	private String key(String appId, String code) {
		return this.keys.codeKey(KeyDigest.sha256(appId + '\n' + code));
	}

}
