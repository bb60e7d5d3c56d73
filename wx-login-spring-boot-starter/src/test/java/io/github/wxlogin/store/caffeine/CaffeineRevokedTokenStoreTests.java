package io.github.wxlogin.store.caffeine;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.github.wxlogin.store.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class CaffeineRevokedTokenStoreTests {

	private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

	private final MutableClock clock = new MutableClock(NOW);

	private final CaffeineRevokedTokenStore store = new CaffeineRevokedTokenStore(10_000, this.clock);

	@Test
	void isRevokedWhenRevokedThenTrueAndOthersFalse() {
		this.store.revoke("jti-1", NOW.plusSeconds(3600));
		assertThat(this.store.isRevoked("jti-1")).isTrue();
		assertThat(this.store.isRevoked("jti-2")).isFalse();
	}

	@Test
	void isRevokedWhenUntilTokenExpiryThenTrueAfterThenFalse() {
		this.store.revoke("jti-1", NOW.plusSeconds(3600));
		this.clock.advance(Duration.ofSeconds(3600).minusMillis(1));
		assertThat(this.store.isRevoked("jti-1")).isTrue();
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.store.isRevoked("jti-1")).isFalse();
	}

	@Test
	void revokeWhenAlreadyExpiredThenNotStored() {
		this.store.revoke("jti-1", NOW.minusSeconds(1));
		this.store.revoke("jti-2", NOW);
		assertThat(this.store.isRevoked("jti-1")).isFalse();
		assertThat(this.store.isRevoked("jti-2")).isFalse();
	}

	@Test
	void revokeWhenRevokedAgainWithLaterExpiryThenKeptLonger() {
		this.store.revoke("jti-1", NOW.plusSeconds(60));
		this.store.revoke("jti-1", NOW.plusSeconds(120));
		this.clock.advance(Duration.ofSeconds(90));
		assertThat(this.store.isRevoked("jti-1")).isTrue();
	}

}
