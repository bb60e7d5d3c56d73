package io.github.wxlogin.store.redis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import io.github.wxlogin.limits.RateLimit;
import io.github.wxlogin.limits.RateLimiter;
import io.github.wxlogin.store.KeyDigest;

/**
 * {@link RateLimiter} on Redis, shared by every instance: one key per counter (valid on
 * Redis Cluster, as each script touches that key only), counted by a Lua script doing
 * {@code INCR} and, for a window's first event, {@code PEXPIRE} in one atomic step; the
 * counter is gone when its window ends. The key holds a digest of what is counted, never
 * an address or an openid.
 */
public final class RedisRateLimiter implements RateLimiter {

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> CONSUME = RedisScript.of("""
			local count = redis.call('INCR', KEYS[1])
			local ttl = redis.call('PTTL', KEYS[1])
			if ttl < 0 then
			  redis.call('PEXPIRE', KEYS[1], ARGV[1])
			  ttl = tonumber(ARGV[1])
			end
			return {count, ttl}
			""", List.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> CHECK = RedisScript.of("""
			local count = redis.call('GET', KEYS[1])
			if not count then
			  return {0, 0}
			end
			return {tonumber(count), redis.call('PTTL', KEYS[1])}
			""", List.class);

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	public RedisRateLimiter(StringRedisTemplate redis, RedisKeys keys) {
		this.redis = Objects.requireNonNull(redis, "redis");
		this.keys = Objects.requireNonNull(keys, "keys");
	}

	@Override
	public @Nullable Duration consume(String key, RateLimit limit) {
		List<?> answer = RedisKeys.call(
				() -> this.redis.execute(CONSUME, List.of(key(key, limit)), Long.toString(limit.window().toMillis())));
		return (count(answer) > limit.max()) ? wait(answer) : null;
	}

	@Override
	public @Nullable Duration check(String key, RateLimit limit) {
		List<?> answer = RedisKeys.call(() -> this.redis.execute(CHECK, List.of(key(key, limit))));
		return (count(answer) >= limit.max()) ? wait(answer) : null;
	}

	private String key(String key, RateLimit limit) {
		return this.keys.limitKey(limit.name(), KeyDigest.sha256(key));
	}

	private static long count(@Nullable List<?> answer) {
		return (answer != null && !answer.isEmpty() && answer.get(0) instanceof Number count) ? count.longValue() : 0;
	}

	private static Duration wait(List<?> answer) {
		long ttl = (answer.size() > 1 && answer.get(1) instanceof Number millis) ? millis.longValue() : 0;
		return Duration.ofMillis(Math.max(1, ttl));
	}

}
