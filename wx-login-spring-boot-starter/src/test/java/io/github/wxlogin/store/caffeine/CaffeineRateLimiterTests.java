package io.github.wxlogin.store.caffeine;

import java.time.Duration;
import java.time.Instant;

import io.github.wxlogin.limits.RateLimiter;
import io.github.wxlogin.limits.RateLimiterContractTests;
import io.github.wxlogin.store.MutableClock;

class CaffeineRateLimiterTests extends RateLimiterContractTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final CaffeineRateLimiter limiter = new CaffeineRateLimiter(1000, this.clock);

	@Override
	protected RateLimiter limiter() {
		return this.limiter;
	}

	@Override
	protected void pass(Duration duration) {
		this.clock.advance(duration);
	}

}
