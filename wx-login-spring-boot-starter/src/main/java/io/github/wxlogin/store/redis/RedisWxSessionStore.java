package io.github.wxlogin.store.redis;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.wxlogin.store.WxSessionStore;

/**
 * {@link WxSessionStore} on Redis: one string key per (app id, openid), written with its
 * expiry in one {@code SET ... PX}.
 */
public final class RedisWxSessionStore implements WxSessionStore {

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	public RedisWxSessionStore(StringRedisTemplate redis, RedisKeys keys) {
		this.redis = Objects.requireNonNull(redis, "redis");
		this.keys = Objects.requireNonNull(keys, "keys");
	}

	@Override
	public void save(String appId, String openid, String sessionKey, Duration timeToLive) {
		RedisKeys.call(() -> {
			this.redis.opsForValue().set(key(appId, openid), sessionKey, timeToLive);
			return null;
		});
	}

	@Override
	public @Nullable String find(String appId, String openid) {
		return RedisKeys.call(() -> this.redis.opsForValue().get(key(appId, openid)));
	}

	private String key(String appId, String openid) {
		return this.keys.sessionKey(appId, openid);
	}

}
