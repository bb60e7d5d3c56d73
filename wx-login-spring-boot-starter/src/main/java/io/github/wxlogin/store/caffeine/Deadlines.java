package io.github.wxlogin.store.caffeine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToLongFunction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import io.github.wxlogin.store.StoreUnavailableException;

/**
 * Builds caches whose entries each expire at their own instant, read from the value, on a
 * {@link Clock} (so tests can move time), and keeps them within their bounds.
 * <p>
 * Caches of what security depends on (used codes, refresh tokens, revocations) are
 * {@link #bounded bounded without eviction}: an entry stays until its deadline, and a new
 * one is refused ({@link StoreUnavailableException}, answered {@code 503}) while the
 * cache is full, so that no flood can push out a live refresh token or a revocation. A
 * cache of what can be lost (session keys) {@link #evicting evicts} its least used
 * entries instead.
 */
final class Deadlines {

	private Deadlines() {
	}

	/**
	 * @param deadline the value's deadline in epoch milliseconds
	 */
	static <K, V> Cache<K, V> bounded(Clock clock, ToLongFunction<V> deadline) {
		return builder(clock, deadline).build();
	}

	static <K, V> Cache<K, V> evicting(long maximumSize, Clock clock, ToLongFunction<V> deadline) {
		return builder(clock, deadline).maximumSize(maximumSize).build();
	}

	private static <K, V> Caffeine<K, V> builder(Clock clock, ToLongFunction<V> deadline) {
		// on replacement too: a value saved again carries its own deadline
		Expiry<K, V> expiry = Expiry.writing((key, value) -> remaining(clock, deadline.applyAsLong(value)));
		// maintenance (expiry, eviction) on the calling thread: bounds hold when a call
		// returns
		return Caffeine.newBuilder().executor(Runnable::run).ticker(ticker(clock)).<K, V>expireAfter(expiry);
	}

	/**
	 * Makes room for one more entry, or refuses it.
	 * @throws StoreUnavailableException when the cache holds {@code bound} live entries
	 */
	static void ensureRoom(Cache<?, ?> cache, long bound, String what) {
		if (!hasRoom(cache, bound)) {
			throw full(what, bound);
		}
	}

	/**
	 * @return whether the cache holds fewer than {@code bound} live entries
	 */
	static boolean hasRoom(Cache<?, ?> cache, long bound) {
		if (cache.estimatedSize() >= bound) {
			cache.cleanUp();
			return cache.estimatedSize() < bound;
		}
		return true;
	}

	static StoreUnavailableException full(String what, long bound) {
		return new StoreUnavailableException("The memory store is full (" + what + ": " + bound + ")");
	}

	static long millis(Instant instant) {
		return instant.toEpochMilli();
	}

	static Duration remaining(Clock clock, long deadline) {
		long left = deadline - clock.millis();
		return (left > 0) ? Duration.ofMillis(left) : Duration.ZERO;
	}

	private static Ticker ticker(Clock clock) {
		return () -> {
			Instant now = clock.instant();
			return now.getEpochSecond() * 1_000_000_000L + now.getNano();
		};
	}

}
