package io.github.wxlogin.wechat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import io.github.wxlogin.store.StoreUnavailableException;
import io.github.wxlogin.store.WxAccessTokenStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link StableAccessTokens} of several instances sharing one {@link WxAccessTokenStore}.
 */
class StableAccessTokensTests {

	static final WxApp APP = new WxApp("wx-shared", "secret");

	final Clock clock = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

	final AtomicInteger fetches = new AtomicInteger();

	final WxApiClient wechat = new WxApiClient() {

		@Override
		public WxSession code2Session(WxApp app, String code) {
			throw new UnsupportedOperationException();
		}

		@Override
		public WxAccessToken stableAccessToken(WxApp app, boolean forceRefresh) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return new WxAccessToken("token-" + StableAccessTokensTests.this.fetches.incrementAndGet(),
					Duration.ofHours(2));
		}

		@Override
		public WxPhoneInfo phoneNumber(WxApp app, String accessToken, String phoneCode, String openid) {
			throw new UnsupportedOperationException();
		}

	};

	final MapAccessTokenStore shared = new MapAccessTokenStore();

	@Test
	void getWhenInstancesRaceThenOneFetchForAll() throws Exception {
		List<StableAccessTokens> instances = List.of(new StableAccessTokens(this.wechat, this.clock, this.shared),
				new StableAccessTokens(this.wechat, this.clock, this.shared),
				new StableAccessTokens(this.wechat, this.clock, this.shared));
		List<Thread> threads = instances.stream().map((tokens) -> new Thread(() -> tokens.get(APP))).toList();
		threads.forEach(Thread::start);
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(instances).allSatisfy((tokens) -> assertThat(tokens.get(APP)).isEqualTo("token-1"));
		assertThat(this.fetches).hasValue(1);
		assertThat(this.shared.lock).isEmpty();
	}

	@Test
	void replaceWhenTokenRefusedOnEveryInstanceThenReplacedOnce() {
		StableAccessTokens first = new StableAccessTokens(this.wechat, this.clock, this.shared);
		StableAccessTokens second = new StableAccessTokens(this.wechat, this.clock, this.shared);
		String refused = first.get(APP);
		assertThat(second.get(APP)).isEqualTo(refused);

		assertThat(first.replace(APP, refused)).isEqualTo("token-2");
		assertThat(second.replace(APP, refused)).isEqualTo("token-2");
		assertThat(this.fetches).hasValue(2);
	}

	@Test
	void getWhenSharedStoreFailsThenOwnFetch() {
		this.shared.down = true;
		StableAccessTokens tokens = new StableAccessTokens(this.wechat, this.clock, this.shared);
		assertThat(tokens.get(APP)).isEqualTo("token-1");
		assertThat(tokens.get(APP)).isEqualTo("token-1");
	}

	static final class MapAccessTokenStore implements WxAccessTokenStore {

		final Map<String, SharedAccessToken> tokens = new ConcurrentHashMap<>();

		final Map<String, String> lock = new ConcurrentHashMap<>();

		volatile boolean down;

		@Override
		public @Nullable SharedAccessToken find(String appId) {
			check();
			return this.tokens.get(appId);
		}

		@Override
		public boolean tryLock(String appId, String owner, Duration timeToLive) {
			check();
			return this.lock.putIfAbsent(appId, owner) == null;
		}

		@Override
		public void save(String appId, SharedAccessToken token, String owner) {
			check();
			this.tokens.put(appId, token);
			this.lock.remove(appId, owner);
		}

		@Override
		public void unlock(String appId, String owner) {
			check();
			this.lock.remove(appId, owner);
		}

		private void check() {
			if (this.down) {
				throw new StoreUnavailableException("down");
			}
		}

	}

}
