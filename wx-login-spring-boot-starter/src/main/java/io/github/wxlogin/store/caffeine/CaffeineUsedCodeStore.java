package io.github.wxlogin.store.caffeine;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;

import io.github.wxlogin.store.UsedCodeStore;

/**
 * {@link UsedCodeStore} in a Caffeine cache; claiming is one atomic {@code compute}. A
 * claimed code is remembered until its deadline, never evicted before: at
 * {@code maximumSize} remembered codes, new claims are refused
 * ({@link io.github.wxlogin.store.StoreUnavailableException}) until some expire. Keeps a
 * 128-bit digest of app id and code, never the code.
 */
public final class CaffeineUsedCodeStore implements UsedCodeStore {

	private final Cache<Digest128, Claim> claims;

	private final long maximumSize;

	private final Clock clock;

	/**
	 * @param maximumSize how many codes may be remembered at once
	 * @param clock the clock deadlines are on
	 */
	public CaffeineUsedCodeStore(long maximumSize, Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
		this.maximumSize = maximumSize;
		this.claims = Deadlines.bounded(clock, Claim::deadline);
	}

	@Override
	public boolean claim(String appId, String code, Duration timeToLive) {
		long now = this.clock.millis();
		Claim claim = new Claim(now + timeToLive.toMillis());
		Digest128 key = Digest128.of(appId + '\n' + code);
		Deadlines.ensureRoom(this.claims, this.maximumSize, "used codes");
		boolean[] claimed = new boolean[1];
		this.claims.asMap().compute(key, (digest, existing) -> {
			claimed[0] = existing == null || existing.deadline() <= now;
			return (claimed[0]) ? claim : existing;
		});
		return claimed[0];
	}

	@Override
	public void release(String appId, String code) {
		this.claims.invalidate(Digest128.of(appId + '\n' + code));
	}

	private record Claim(long deadline) {
	}

}
