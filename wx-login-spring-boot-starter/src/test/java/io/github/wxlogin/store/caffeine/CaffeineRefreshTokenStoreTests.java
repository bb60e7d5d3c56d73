package io.github.wxlogin.store.caffeine;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.github.wxlogin.store.MutableClock;
import io.github.wxlogin.store.RefreshTokenRecord;
import io.github.wxlogin.store.RefreshTokenStore.Rotation;

import static org.assertj.core.api.Assertions.assertThat;

class CaffeineRefreshTokenStoreTests {

	private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

	private static final Instant LATER = NOW.plus(Duration.ofDays(30));

	private final MutableClock clock = new MutableClock(NOW);

	private final CaffeineRefreshTokenStore store = new CaffeineRefreshTokenStore(10_000, this.clock);

	private final RefreshTokenRecord record = new RefreshTokenRecord("family-1", "wxapp1", "o-openid-1", "u-1", LATER);

	@Test
	void rotateWhenSavedThenRotatedWithRecordAndSuccessorStored() {
		this.store.save("digest-1", this.record);
		assertThat(this.store.rotate("digest-1", "digest-2", LATER.plusSeconds(60)))
			.isEqualTo(new Rotation.Rotated(this.record));
		Rotation next = this.store.rotate("digest-2", "digest-3", LATER.plusSeconds(120));
		assertThat(next).isInstanceOf(Rotation.Rotated.class);
		assertThat(((Rotation.Rotated) next).previous())
			.isEqualTo(new RefreshTokenRecord("family-1", "wxapp1", "o-openid-1", "u-1", LATER.plusSeconds(60)));
	}

	@Test
	void rotateWhenUsedBeforeThenReusedAndFamilyRevoked() {
		this.store.save("digest-1", this.record);
		this.store.rotate("digest-1", "digest-2", LATER);
		assertThat(this.store.rotate("digest-1", "digest-x", LATER)).isEqualTo(new Rotation.Reused("family-1"));
		assertThat(this.store.isFamilyRevoked("family-1")).isTrue();
		assertThat(this.store.rotate("digest-2", "digest-3", LATER)).isInstanceOf(Rotation.Invalid.class);
		// the digest offered for the reused token's successor was not stored
		assertThat(this.store.rotate("digest-x", "digest-4", LATER)).isInstanceOf(Rotation.Invalid.class);
	}

	@Test
	void rotateWhenUnknownExpiredOrRevokedThenInvalid() {
		assertThat(this.store.rotate("unknown", "digest-2", LATER)).isInstanceOf(Rotation.Invalid.class);
		this.store.save("digest-1", this.record);
		this.store.save("digest-9", new RefreshTokenRecord("family-9", "wxapp1", "o-openid-9", null, LATER));
		this.store.revokeFamily("family-9", LATER);
		assertThat(this.store.rotate("digest-9", "digest-10", LATER)).isInstanceOf(Rotation.Invalid.class);
		this.clock.set(LATER);
		assertThat(this.store.rotate("digest-1", "digest-2", LATER.plusSeconds(60)))
			.isInstanceOf(Rotation.Invalid.class);
	}

	@Test
	void revokeFamilyWhenRevokedAgainThenLatestDeadlineKept() {
		this.store.revokeFamily("family-1", NOW.plusSeconds(30));
		this.store.revokeFamily("family-1", NOW.plusSeconds(60));
		this.store.revokeFamily("family-2", NOW.plusSeconds(60));
		this.store.revokeFamily("family-2", NOW.plusSeconds(30));
		this.clock.advance(Duration.ofSeconds(45));
		assertThat(this.store.isFamilyRevoked("family-1")).isTrue();
		assertThat(this.store.isFamilyRevoked("family-2")).isTrue();
		this.clock.advance(Duration.ofSeconds(15));
		assertThat(this.store.isFamilyRevoked("family-1")).isFalse();
		assertThat(this.store.isFamilyRevoked("family-2")).isFalse();
	}

	@Test
	void isFamilyRevokedWhenNeverRevokedThenFalse() {
		this.store.save("digest-1", this.record);
		assertThat(this.store.isFamilyRevoked("family-1")).isFalse();
	}

}
