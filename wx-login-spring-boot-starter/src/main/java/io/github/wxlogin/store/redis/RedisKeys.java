package io.github.wxlogin.store.redis;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.types.Expiration;

import io.github.wxlogin.store.StoreUnavailableException;

/**
 * The key namespace of the Redis stores, and the translation of Redis failures.
 */
public final class RedisKeys {

	/** The default prefix of every key. */
	public static final String DEFAULT_PREFIX = "wx-login:";

	private static final byte[] ONE = { '1' };

	private final String prefix;

	/**
	 * @param prefix the prefix of every key, e.g. {@code "wx-login:"}
	 */
	public RedisKeys(String prefix) {
		this.prefix = Objects.requireNonNull(prefix, "prefix");
	}

	String key(String kind, String id) {
		return this.prefix + kind + ':' + id;
	}

	/** The key of a revoked access token, by {@code jti}. */
	String revokedTokenKey(String tokenId) {
		return key("revoked", tokenId);
	}

	/** The key of a revoked login (refresh family), by its id. */
	String familyKey(String familyId) {
		return key("family", familyId);
	}

	/**
	 * {@code SET key 1 PXAT deadline}: one command, so the key never exists without its
	 * expiry.
	 */
	static void setUntil(StringRedisTemplate redis, String key, Instant deadline) {
		byte[] rawKey = key.getBytes(StandardCharsets.UTF_8);
		call(() -> redis.execute((RedisCallback<Boolean>) (connection) -> connection.stringCommands()
			.set(rawKey, ONE, Expiration.unixTimestamp(deadline.toEpochMilli(), TimeUnit.MILLISECONDS),
					SetOption.upsert())));
	}

	/**
	 * Run a Redis call; any data-access failure (connection refused, timeout) becomes a
	 * {@link StoreUnavailableException}, with no key or value in its message.
	 */
	static <T> T call(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (DataAccessException ex) {
			throw new StoreUnavailableException("Redis is unavailable (" + ex.getClass().getSimpleName() + ")");
		}
	}

}
