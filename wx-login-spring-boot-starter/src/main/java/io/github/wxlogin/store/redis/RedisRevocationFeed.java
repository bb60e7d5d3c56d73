package io.github.wxlogin.store.redis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Announces every revocation on the Redis stream that each instance's
 * {@link RedisRevocationMirror} reads, and to the mirrors of this instance at once.
 * <p>
 * A revocation is announced <em>before</em> the stores write it to the login's hash: the
 * stream is one key on one slot while the logins are spread over every slot, so the two
 * are separate commands, and in this order a failure between them leaves the token
 * refused by the mirrors (and the logout answered with an error, to be retried) rather
 * than a revocation the mirrors never hear of.
 * <p>
 * Thread-safe.
 */
public final class RedisRevocationFeed {

	private final StringRedisTemplate redis;

	private final RedisKeys keys;

	private final Duration window;

	private final List<Listener> listeners = new CopyOnWriteArrayList<>();

	/**
	 * @param redis the connection
	 * @param keys the key layout
	 * @param window how long an announcement matters: the longest access token lifetime
	 * (an access token of a revoked login is refused by its expiry after that); older
	 * announcements are trimmed
	 */
	public RedisRevocationFeed(StringRedisTemplate redis, RedisKeys keys, Duration window) {
		this.redis = Objects.requireNonNull(redis, "redis");
		this.keys = Objects.requireNonNull(keys, "keys");
		this.window = Objects.requireNonNull(window, "window");
	}

	/**
	 * @return how long an announcement matters
	 */
	Duration window() {
		return this.window;
	}

	/**
	 * Announce that a login, or one access token of it, was revoked.
	 * @param familyId the login
	 * @param tokenId the access token's {@code jti}, or {@code null} for the whole login
	 */
	void publish(String familyId, @Nullable String tokenId) {
		long now = System.currentTimeMillis();
		RedisKeys.call(() -> this.redis.execute(RedisScripts.PUBLISH_REVOCATION, List.of(this.keys.revocationsKey()),
				Long.toString(now - this.window.toMillis()), Long.toString(this.window.toMillis()), familyId,
				(tokenId != null) ? tokenId : ""));
		for (Listener listener : this.listeners) {
			listener.revoked(familyId, tokenId, now);
		}
	}

	void addListener(Listener listener) {
		this.listeners.add(listener);
	}

	void removeListener(Listener listener) {
		this.listeners.remove(listener);
	}

	/** Told of each revocation this instance announces. */
	@FunctionalInterface
	interface Listener {

		void revoked(String familyId, @Nullable String tokenId, long atMillis);

	}

}
