package io.github.wxlogin.store.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.wxlogin.store.WxAccessTokenStore;

/**
 * {@link WxAccessTokenStore} on Redis: the token is one string ({@code {at:app}:token},
 * written with its expiry in one {@code SET ... PXAT}), the lock another ({@code SET
 * {at:app}:lock owner NX PX ttl}); both share the app's hash tag, so saving the token and
 * freeing the lock is one script on one slot.
 */
public final class RedisWxAccessTokenStore implements WxAccessTokenStore {

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	public RedisWxAccessTokenStore(StringRedisTemplate redis, RedisKeys keys) {
		this.redis = Objects.requireNonNull(redis, "redis");
		this.keys = Objects.requireNonNull(keys, "keys");
	}

	@Override
	public @Nullable SharedAccessToken find(String appId) {
		String value = RedisKeys.call(() -> this.redis.opsForValue().get(this.keys.accessTokenKey(appId)));
		if (value == null) {
			return null;
		}
		String[] parts = value.split(" ", 3);
		if (parts.length != 3) {
			return null;
		}
		return new SharedAccessToken(parts[2], Instant.ofEpochMilli(Long.parseLong(parts[0])),
				Instant.ofEpochMilli(Long.parseLong(parts[1])));
	}

	@Override
	public boolean tryLock(String appId, String owner, Duration timeToLive) {
		return Boolean.TRUE.equals(RedisKeys
			.call(() -> this.redis.opsForValue().setIfAbsent(this.keys.accessTokenLockKey(appId), owner, timeToLive)));
	}

	@Override
	public void save(String appId, SharedAccessToken token, String owner) {
		String value = token.refreshAt().toEpochMilli() + " " + token.expiresAt().toEpochMilli() + " " + token.value();
		RedisKeys.call(() -> this.redis.execute(RedisScripts.SAVE_ACCESS_TOKEN,
				List.of(this.keys.accessTokenKey(appId), this.keys.accessTokenLockKey(appId)), value,
				Long.toString(token.expiresAt().toEpochMilli()), owner));
	}

	@Override
	public void unlock(String appId, String owner) {
		RedisKeys
			.call(() -> this.redis.execute(RedisScripts.UNLOCK, List.of(this.keys.accessTokenLockKey(appId)), owner));
	}

}
