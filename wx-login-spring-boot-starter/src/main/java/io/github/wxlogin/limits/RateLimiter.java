package io.github.wxlogin.limits;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Fixed-window event counters, one per (limit, key). A window starts with a key's first
 * event and lasts {@link RateLimit#window()}; the counter is gone when it ends.
 * <p>
 * Implementations are thread-safe and count atomically: concurrent callers never both see
 * the last free event. A shared store throws
 * {@link io.github.wxlogin.store.StoreUnavailableException} when it cannot be reached.
 * Keys may be client addresses or openids: an implementation that stores them outside the
 * process keeps only digests.
 */
public interface RateLimiter {

	/**
	 * Count one event for {@code key}.
	 * @param key what is counted (an address, an app id, an openid)
	 * @param limit the limit
	 * @return {@code null} when the event is within the limit, else how long until the
	 * window ends (the event is counted all the same)
	 */
	@Nullable Duration consume(String key, RateLimit limit);

	/**
	 * Tell, without counting, whether {@code key} has used up its window.
	 * @param key what is counted
	 * @param limit the limit
	 * @return {@code null} while fewer than {@link RateLimit#max()} events are counted,
	 * else how long until the window ends
	 */
	@Nullable Duration check(String key, RateLimit limit);

}
