package io.github.wxlogin.store.caffeine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.jspecify.annotations.Nullable;

import io.github.wxlogin.limits.RateLimit;
import io.github.wxlogin.limits.RateLimiter;

/**
 * {@link RateLimiter} in a bounded Caffeine cache, for one instance: each counter is
 * updated in one atomic {@code compute} and expires with its window.
 */
public final class CaffeineRateLimiter implements RateLimiter {

	private final Cache<String, Window> windows;

	private final Clock clock;

	/**
	 * @param maximumSize how many counters are kept (the least recently used go first)
	 * @param clock the time source
	 */
	public CaffeineRateLimiter(long maximumSize, Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
		Expiry<String, Window> untilWindowEnds = Expiry.writing((key, window) -> remaining(window));
		this.windows = Caffeine.newBuilder().maximumSize(maximumSize).expireAfter(untilWindowEnds).build();
	}

	@Override
	public @Nullable Duration consume(String key, RateLimit limit) {
		Instant now = this.clock.instant();
		Window window = this.windows.asMap()
			.compute(limit.name() + ':' + key, (name, current) -> (current == null || !now.isBefore(current.end()))
					? new Window(now.plus(limit.window()), 1) : current.next());
		return (window.count() > limit.max()) ? wait(window, now) : null;
	}

	@Override
	public @Nullable Duration check(String key, RateLimit limit) {
		Window window = this.windows.getIfPresent(limit.name() + ':' + key);
		Instant now = this.clock.instant();
		if (window == null || !now.isBefore(window.end()) || window.count() < limit.max()) {
			return null;
		}
		return wait(window, now);
	}

	private static Duration wait(Window window, Instant now) {
		return Duration.between(now, window.end());
	}

	private Duration remaining(Window window) {
		Duration left = Duration.between(this.clock.instant(), window.end());
		return left.isNegative() ? Duration.ZERO : left;
	}

	private record Window(Instant end, int count) {

		Window next() {
			return new Window(this.end, (this.count == Integer.MAX_VALUE) ? this.count : this.count + 1);
		}

	}

}
