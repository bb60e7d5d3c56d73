package io.github.wxlogin.store.caffeine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Builds bounded caches whose entries each expire at their own instant, read from the
 * value, on a {@link Clock} (so tests can move time).
 */
final class Deadlines {

	private Deadlines() {
	}

	static <K, V> Caffeine<K, V> cache(long maximumSize, Clock clock,
			java.util.function.Function<V, Instant> deadline) {
		// on replacement too: a value saved again carries its own deadline
		Expiry<K, V> expiry = Expiry.writing((key, value) -> remaining(clock, deadline.apply(value)));
		return Caffeine.newBuilder()
			.maximumSize(maximumSize)
			.ticker(ticker(clock))
			.<K, V>expireAfter(expiry);
	}

	static Duration remaining(Clock clock, Instant deadline) {
		Duration left = Duration.between(clock.instant(), deadline);
		return left.isNegative() ? Duration.ZERO : left;
	}

	private static Ticker ticker(Clock clock) {
		return () -> {
			Instant now = clock.instant();
			return now.getEpochSecond() * 1_000_000_000L + now.getNano();
		};
	}

}
