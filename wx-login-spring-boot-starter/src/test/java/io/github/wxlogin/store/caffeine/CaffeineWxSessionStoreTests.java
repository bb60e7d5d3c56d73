package io.github.wxlogin.store.caffeine;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.github.wxlogin.store.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class CaffeineWxSessionStoreTests {

	private static final Duration TTL = Duration.ofDays(3);

	private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));

	private final CaffeineWxSessionStore store = new CaffeineWxSessionStore(10_000, this.clock);

	@Test
	void findWhenSavedThenSessionKey() {
		this.store.save("wxapp1", "o-openid-1", "c2Vzc2lvbi1rZXktMQ==", TTL);
		assertThat(this.store.find("wxapp1", "o-openid-1")).isEqualTo("c2Vzc2lvbi1rZXktMQ==");
	}

	@Test
	void findWhenNeverSavedThenNull() {
		this.store.save("wxapp1", "o-openid-1", "c2Vzc2lvbi1rZXktMQ==", TTL);
		assertThat(this.store.find("wxapp1", "o-openid-2")).isNull();
		assertThat(this.store.find("wxapp2", "o-openid-1")).isNull();
	}

	@Test
	void saveWhenSavedAgainThenLatestKeyReplacesOld() {
		this.store.save("wxapp1", "o-openid-1", "b2xkLWtleQ==", TTL);
		this.store.save("wxapp1", "o-openid-1", "bmV3LWtleQ==", TTL);
		assertThat(this.store.find("wxapp1", "o-openid-1")).isEqualTo("bmV3LWtleQ==");
	}

	@Test
	void saveWhenSavedAgainThenTimeToLiveStartsAnew() {
		this.store.save("wxapp1", "o-openid-1", "b2xkLWtleQ==", TTL);
		this.clock.advance(Duration.ofDays(2));
		this.store.save("wxapp1", "o-openid-1", "bmV3LWtleQ==", TTL);
		this.clock.advance(Duration.ofDays(2));
		assertThat(this.store.find("wxapp1", "o-openid-1")).isEqualTo("bmV3LWtleQ==");
		this.clock.advance(Duration.ofDays(1));
		assertThat(this.store.find("wxapp1", "o-openid-1")).isNull();
	}

	@Test
	void saveWhenSavedAgainWithShorterTimeToLiveThenShorterOneApplies() {
		this.store.save("wxapp1", "o-openid-1", "b2xkLWtleQ==", TTL);
		this.store.save("wxapp1", "o-openid-1", "bmV3LWtleQ==", Duration.ofMinutes(5));
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(this.store.find("wxapp1", "o-openid-1")).isNull();
	}

	@Test
	void findWhenTimeToLivePassedThenNull() {
		this.store.save("wxapp1", "o-openid-1", "c2Vzc2lvbi1rZXktMQ==", TTL);
		this.clock.advance(TTL.minusMillis(1));
		assertThat(this.store.find("wxapp1", "o-openid-1")).isEqualTo("c2Vzc2lvbi1rZXktMQ==");
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.store.find("wxapp1", "o-openid-1")).isNull();
	}

	@Test
	void findWhenOpenidContainsSeparatorThenNoCollision() {
		this.store.save("wx", "app1\no-openid-1", "YS1rZXk=", TTL);
		assertThat(this.store.find("wx", "app1\no-openid-1")).isEqualTo("YS1rZXk=");
		assertThat(this.store.find("wxapp1", "o-openid-1")).isNull();
	}

}
