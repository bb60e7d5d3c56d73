package io.github.wxlogin.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link RateLimiter} contract, run on each implementation.
 */
public abstract class RateLimiterContractTests {

	protected abstract RateLimiter limiter();

	/** Let {@code duration} pass for the limiter. */
	protected abstract void pass(Duration duration) throws InterruptedException;

	/** A window long enough for a test, short enough to wait out. */
	protected Duration window() {
		return Duration.ofMillis(500);
	}

	@Test
	void consumeWhenWithinMaxThenNullAndAboveThenWaitWithinWindow() {
		RateLimit limit = new RateLimit("test-consume", 3, window());
		RateLimiter limiter = limiter();
		assertThat(limiter.consume("k1", limit)).isNull();
		assertThat(limiter.consume("k1", limit)).isNull();
		assertThat(limiter.consume("k1", limit)).isNull();
		Duration wait = limiter.consume("k1", limit);
		assertThat(wait).isNotNull().isPositive().isLessThanOrEqualTo(window());
		assertThat(limiter.consume("k2", limit)).as("another key").isNull();
	}

	@Test
	void checkWhenMaxReachedThenWaitAndNothingCounted() {
		RateLimit limit = new RateLimit("test-check", 2, window());
		RateLimiter limiter = limiter();
		assertThat(limiter.check("k", limit)).isNull();
		assertThat(limiter.check("k", limit)).as("checking counts nothing").isNull();
		limiter.consume("k", limit);
		assertThat(limiter.check("k", limit)).isNull();
		limiter.consume("k", limit);
		assertThat(limiter.check("k", limit)).isNotNull().isPositive();
	}

	@Test
	void limitsWithDifferentNamesCountApart() {
		RateLimit one = new RateLimit("test-one", 1, window());
		RateLimit two = new RateLimit("test-two", 1, window());
		RateLimiter limiter = limiter();
		assertThat(limiter.consume("k", one)).isNull();
		assertThat(limiter.consume("k", two)).isNull();
		assertThat(limiter.consume("k", one)).isNotNull();
	}

	@Test
	void consumeWhenWindowEndedThenCountsAnew() throws InterruptedException {
		RateLimit limit = new RateLimit("test-window", 1, window());
		RateLimiter limiter = limiter();
		assertThat(limiter.consume("k", limit)).isNull();
		assertThat(limiter.consume("k", limit)).isNotNull();
		pass(window().plusMillis(100));
		assertThat(limiter.check("k", limit)).isNull();
		assertThat(limiter.consume("k", limit)).isNull();
	}

	@Test
	void consumeWhenConcurrentThenExactlyMaxAllowed() throws Exception {
		RateLimit limit = new RateLimit("test-concurrent", 25, Duration.ofMinutes(1));
		RateLimiter limiter = limiter();
		AtomicInteger allowed = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> calls = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				calls.add(pool.submit(() -> {
					if (limiter.consume("shared", limit) == null) {
						allowed.incrementAndGet();
					}
				}));
			}
			for (Future<?> call : calls) {
				call.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(allowed).hasValue(25);
	}

}
