package io.github.wxlogin.store.caffeine;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.github.wxlogin.store.MutableClock;
import io.github.wxlogin.store.RefreshTokenRecord;
import io.github.wxlogin.store.RefreshTokenStore.Rotation;
import io.github.wxlogin.store.StoreUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What security depends on is never evicted: at a bound, what would add to the store is
 * refused instead, and room comes back only as entries reach their deadline.
 */
class MemoryStoreBoundsTests {

	private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

	private final MutableClock clock = new MutableClock(NOW);

	@Test
	void claimWhenUsedCodesAtTheirBoundThenRefusedAndEveryClaimKept() {
		CaffeineUsedCodeStore codes = new CaffeineUsedCodeStore(3, this.clock);
		for (int i = 0; i < 3; i++) {
			assertThat(codes.claim("wxapp1", "code-" + i, Duration.ofMinutes(10))).isTrue();
		}

		assertThatExceptionOfType(StoreUnavailableException.class)
			.isThrownBy(() -> codes.claim("wxapp1", "junk", Duration.ofMinutes(10)));
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(StoreUnavailableException.class)
				.isThrownBy(() -> codes.claim("wxapp1", "junk-2", Duration.ofMinutes(10)));
		}
		// still full: a replay is not let through by forgetting
		this.clock.advance(Duration.ofMinutes(10));
		assertThat(codes.claim("wxapp1", "code-new", Duration.ofMinutes(10))).isTrue();
		assertThat(codes.claim("wxapp1", "code-new", Duration.ofMinutes(10))).isFalse();
	}

	@Test
	void claimWhenFullThenPreviouslyClaimedCodesStayClaimed() {
		CaffeineUsedCodeStore codes = new CaffeineUsedCodeStore(2, this.clock);
		codes.claim("wxapp1", "a", Duration.ofMinutes(10));
		codes.claim("wxapp1", "b", Duration.ofMinutes(10));
		for (int i = 0; i < 100; i++) {
			String junk = "junk-" + i;
			assertThatExceptionOfType(StoreUnavailableException.class)
				.isThrownBy(() -> codes.claim("wxapp1", junk, Duration.ofMinutes(10)));
		}
		codes.release("wxapp1", "b");
		assertThat(codes.claim("wxapp1", "a", Duration.ofMinutes(10))).isFalse();
	}

	@Test
	void saveAndRotateWhenRefreshTokensAtTheirBoundThenRefusedAndLiveOnesKept() {
		CaffeineRefreshTokenStore store = new CaffeineRefreshTokenStore(3, 10, this.clock);
		Instant expiry = NOW.plus(Duration.ofDays(30));
		store.save("d-1", new RefreshTokenRecord("family-1", "wxapp1", "o-1", null, expiry));
		store.save("d-2", new RefreshTokenRecord("family-2", "wxapp1", "o-2", null, expiry));
		assertThat(store.rotate("d-1", "d-1b", expiry)).isInstanceOf(Rotation.Rotated.class);

		// full: three tokens, the rotated one kept so that its reuse is recognized
		assertThatExceptionOfType(StoreUnavailableException.class)
			.isThrownBy(() -> store.save("d-3", new RefreshTokenRecord("family-3", "wxapp1", "o-3", null, expiry)));
		assertThatExceptionOfType(StoreUnavailableException.class)
			.isThrownBy(() -> store.rotate("d-2", "d-2b", expiry));
		assertThat(store.rotate("d-1", "d-x", expiry)).isEqualTo(new Rotation.Reused("family-1"));
		assertThat(store.isFamilyRevoked("family-1")).isTrue();

		this.clock.set(expiry);
		store.save("d-3", new RefreshTokenRecord("family-3", "wxapp1", "o-3", null, expiry.plusSeconds(60)));
		assertThat(store.rotate("d-3", "d-3b", expiry.plusSeconds(60))).isInstanceOf(Rotation.Rotated.class);
	}

	@Test
	void revokeWhenRevocationsAtTheirBoundThenRefusedAndNoneForgottenBeforeItsExpiry() {
		CaffeineRevokedTokenStore tokens = new CaffeineRevokedTokenStore(2, this.clock);
		CaffeineRefreshTokenStore logins = new CaffeineRefreshTokenStore(10, 2, this.clock);
		Instant expiry = NOW.plus(Duration.ofHours(2));
		tokens.revoke("jti-1", expiry);
		tokens.revoke("jti-2", expiry.plusSeconds(60));
		logins.revokeFamily("family-1", expiry);
		logins.revokeFamily("family-2", expiry);

		assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> tokens.revoke("jti-3", expiry));
		assertThatExceptionOfType(StoreUnavailableException.class)
			.isThrownBy(() -> logins.revokeFamily("family-3", expiry));
		this.clock.set(expiry.minusMillis(1));
		assertThat(tokens.isRevoked("jti-1")).isTrue();
		assertThat(tokens.isRevoked("jti-2")).isTrue();
		assertThat(logins.isFamilyRevoked("family-1")).isTrue();
		assertThat(logins.isFamilyRevoked("family-2")).isTrue();

		this.clock.set(expiry);
		tokens.revoke("jti-3", expiry.plusSeconds(60));
		logins.revokeFamily("family-3", expiry.plusSeconds(60));
		assertThat(tokens.isRevoked("jti-3")).isTrue();
		assertThat(tokens.isRevoked("jti-2")).isTrue();
		assertThat(logins.isFamilyRevoked("family-3")).isTrue();
	}

	@Test
	void saveWhenSessionKeysAtTheirBoundThenTheLeastUsedEvicted() {
		CaffeineWxSessionStore sessions = new CaffeineWxSessionStore(10, this.clock);
		for (int i = 0; i < 1000; i++) {
			sessions.save("wxapp1", "o-" + i, "c2Vzc2lvbi1rZXktMTIzNA==", Duration.ofDays(3));
		}
		sessions.find("wxapp1", "o-999");
		int kept = 0;
		for (int i = 0; i < 1000; i++) {
			kept += (sessions.find("wxapp1", "o-" + i) != null) ? 1 : 0;
		}
		assertThat(kept).isLessThanOrEqualTo(10);
	}

	@Test
	void findWhenSessionKeyAnyFormThenAsSaved() {
		CaffeineWxSessionStore sessions = new CaffeineWxSessionStore(10, this.clock);
		sessions.save("wxapp1", "o-1", "c2Vzc2lvbi1rZXktMTIzNA==", Duration.ofDays(3));
		sessions.save("wxapp1", "o-2", "not base64 at all", Duration.ofDays(3));
		sessions.save("wxapp1", "o-3", "c2Vzc2lvbi1rZXk=", Duration.ofDays(3));
		assertThat(sessions.find("wxapp1", "o-1")).isEqualTo("c2Vzc2lvbi1rZXktMTIzNA==");
		assertThat(sessions.find("wxapp1", "o-2")).isEqualTo("not base64 at all");
		assertThat(sessions.find("wxapp1", "o-3")).isEqualTo("c2Vzc2lvbi1rZXk=");
	}

	@Test
	void packWhenIdsOfAnyFormThenUnpackedAsTheyWere() {
		String[] values = { "family-1", null, "o-openid", "联合\ud800id", "x".repeat(300), "" };
		assertThat(Ascii.unpack(Ascii.pack(values), values.length)).containsExactly(values);
	}

}
