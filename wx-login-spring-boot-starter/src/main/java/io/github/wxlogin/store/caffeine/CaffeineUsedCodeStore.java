package io.github.wxlogin.store.caffeine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;

import io.github.wxlogin.store.KeyDigest;
import io.github.wxlogin.store.UsedCodeStore;

/**
 * {@link UsedCodeStore} in a bounded Caffeine cache; claiming is one atomic
 * {@code putIfAbsent}.
 */
public final class CaffeineUsedCodeStore implements UsedCodeStore {

	private final Cache<String, Instant> claims;

	private final Clock clock;

	public CaffeineUsedCodeStore(long maximumSize, Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
		this.claims = Deadlines.<String, Instant>cache(maximumSize, clock, (deadline) -> deadline).build();
	}

	@Override
	public boolean claim(String appId, String code, Duration timeToLive) {
		Instant now = this.clock.instant();
		Instant deadline = now.plus(timeToLive);
		boolean[] claimed = new boolean[1];
		this.claims.asMap().compute(key(appId, code), (key, existing) -> {
			claimed[0] = existing == null || !existing.isAfter(now);
			return claimed[0] ? deadline : existing;
		});
		return claimed[0];
	}

	@Override
	public void release(String appId, String code) {
		this.claims.invalidate(key(appId, code));
	}

	private static String key(String appId, String code) {
		return KeyDigest.sha256(appId + '\n' + code);
	}

}
