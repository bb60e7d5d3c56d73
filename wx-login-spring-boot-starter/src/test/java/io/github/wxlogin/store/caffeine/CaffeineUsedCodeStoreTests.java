package io.github.wxlogin.store.caffeine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.wxlogin.store.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class CaffeineUsedCodeStoreTests {

	private static final Duration TTL = Duration.ofMinutes(10);

	private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));

	private final CaffeineUsedCodeStore store = new CaffeineUsedCodeStore(10_000, this.clock);

	@Test
	void claimWhenFirstThenTrueAndWhenAgainThenFalse() {
		assertThat(this.store.claim("wxapp1", "code-1", TTL)).isTrue();
		assertThat(this.store.claim("wxapp1", "code-1", TTL)).isFalse();
		assertThat(this.store.claim("wxapp1", "code-1", TTL)).isFalse();
	}

	@Test
	void claimWhenSameCodeOfOtherAppThenIndependent() {
		assertThat(this.store.claim("wxapp1", "code-1", TTL)).isTrue();
		assertThat(this.store.claim("wxapp2", "code-1", TTL)).isTrue();
		assertThat(this.store.claim("wxapp1", "code-2", TTL)).isTrue();
	}

	@Test
	void claimWhenAppIdAndCodeSplitDifferentlyThenIndependent() {
		assertThat(this.store.claim("wx", "app1code", TTL)).isTrue();
		assertThat(this.store.claim("wxapp1", "code", TTL)).isTrue();
	}

	@Test
	void releaseWhenClaimedThenClaimableAgain() {
		assertThat(this.store.claim("wxapp1", "code-1", TTL)).isTrue();
		this.store.release("wxapp1", "code-1");
		assertThat(this.store.claim("wxapp1", "code-1", TTL)).isTrue();
		assertThat(this.store.claim("wxapp1", "code-1", TTL)).isFalse();
	}

	@Test
	void releaseWhenNeverClaimedThenNoEffect() {
		this.store.release("wxapp1", "code-1");
		assertThat(this.store.claim("wxapp1", "code-1", TTL)).isTrue();
	}

	@Test
	void claimWhenTimeToLivePassedThenClaimableAgain() {
		assertThat(this.store.claim("wxapp1", "code-1", TTL)).isTrue();
		this.clock.advance(TTL.minusMillis(1));
		assertThat(this.store.claim("wxapp1", "code-1", TTL)).isFalse();
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.store.claim("wxapp1", "code-1", TTL)).isTrue();
		// the new claim has a full time to live of its own
		this.clock.advance(TTL.minusMillis(1));
		assertThat(this.store.claim("wxapp1", "code-1", TTL)).isFalse();
	}

	@Test
	void claimWhenManyThreadsThenExactlyOneWins() throws Exception {
		int threads = 16;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			for (int round = 0; round < 50; round++) {
				String code = "code-" + round;
				CyclicBarrier start = new CyclicBarrier(threads);
				List<Future<Boolean>> results = new ArrayList<>();
				for (int i = 0; i < threads; i++) {
					results.add(executor.submit(() -> {
						start.await(5, TimeUnit.SECONDS);
						return this.store.claim("wxapp1", code, TTL);
					}));
				}
				int won = 0;
				for (Future<Boolean> result : results) {
					won += result.get(10, TimeUnit.SECONDS) ? 1 : 0;
				}
				assertThat(won).as(code).isEqualTo(1);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

}
