package io.github.wxlogin.token;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.wxlogin.store.MutableClock;
import io.github.wxlogin.store.caffeine.CaffeineRefreshTokenStore;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshTokenRotationTests {

	private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

	private static final Duration TTL = Duration.ofDays(30);

	private final MutableClock clock = new MutableClock(NOW);

	private final RefreshTokenRotation rotation = new RefreshTokenRotation(
			new CaffeineRefreshTokenStore(10_000, this.clock), TTL, this.clock);

	@Test
	void startWhenLoginThenOpaque256BitTokenOfNewFamily() {
		IssuedRefreshToken one = this.rotation.start("wxapp1", "o-openid-1", "u-1");
		IssuedRefreshToken two = this.rotation.start("wxapp1", "o-openid-1", "u-1");
		assertThat(one.value()).hasSize(66)
			.matches("[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}")
			.startsWith(one.familyId() + ".");
		assertThat(Base64.getUrlDecoder().decode(one.value().substring(23))).hasSize(32);
		assertThat(one.expiresAt()).isEqualTo(NOW.plus(TTL));
		assertThat(one.value()).isNotEqualTo(two.value());
		assertThat(one.familyId()).isNotEqualTo(two.familyId());
		assertThat(one.toString()).doesNotContain(one.value());
	}

	@Test
	void rotateWhenFreshTokenThenSuccessorInSameFamily() {
		IssuedRefreshToken first = this.rotation.start("wxapp1", "o-openid-1", "u-1");
		this.clock.advance(Duration.ofHours(1));
		RefreshTokenRotation.Rotated rotated = this.rotation.rotate(first.value());
		assertThat(rotated).isNotNull();
		IssuedRefreshToken next = rotated.next();
		assertThat(next.value()).isNotEqualTo(first.value()).hasSize(66).startsWith(first.familyId() + ".");
		assertThat(Base64.getUrlDecoder().decode(next.value().substring(23))).hasSize(32);
		assertThat(next.familyId()).isEqualTo(first.familyId());
		assertThat(next.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)).plus(TTL));
		assertThat(rotated.previous().familyId()).isEqualTo(first.familyId());
		assertThat(rotated.previous().appId()).isEqualTo("wxapp1");
		assertThat(rotated.previous().openid()).isEqualTo("o-openid-1");
		assertThat(rotated.previous().unionid()).isEqualTo("u-1");
		// and the successor rotates in turn
		assertThat(this.rotation.rotate(next.value())).isNotNull();
		assertThat(this.rotation.isRevoked(first.familyId())).isFalse();
	}

	@Test
	void rotateWhenAlreadyRotatedThenNullAndWholeFamilyRevoked() {
		IssuedRefreshToken first = this.rotation.start("wxapp1", "o-openid-1", null);
		IssuedRefreshToken other = this.rotation.start("wxapp1", "o-openid-2", null);
		IssuedRefreshToken successor = Objects.requireNonNull(this.rotation.rotate(first.value())).next();
		assertThat(this.rotation.rotate(first.value())).isNull();
		assertThat(this.rotation.isRevoked(first.familyId())).isTrue();
		assertThat(this.rotation.rotate(successor.value())).isNull();
		// another login is untouched
		assertThat(this.rotation.isRevoked(other.familyId())).isFalse();
		assertThat(this.rotation.rotate(other.value())).isNotNull();
	}

	@Test
	void rotateWhenUnknownTokenThenNull() {
		this.rotation.start("wxapp1", "o-openid-1", null);
		assertThat(this.rotation.rotate("A".repeat(43))).isNull();
	}

	@Test
	void rotateWhenWrongLengthThenNull() {
		IssuedRefreshToken first = this.rotation.start("wxapp1", "o-openid-1", null);
		assertThat(this.rotation.rotate(first.value() + "A")).isNull();
		assertThat(this.rotation.rotate(first.value().substring(1))).isNull();
		assertThat(this.rotation.rotate("")).isNull();
		// none of that consumed the token
		assertThat(this.rotation.rotate(first.value())).isNotNull();
	}

	@Test
	void rotateWhenTtlPassedThenNull() {
		IssuedRefreshToken first = this.rotation.start("wxapp1", "o-openid-1", null);
		IssuedRefreshToken second = this.rotation.start("wxapp1", "o-openid-2", null);
		this.clock.advance(TTL.minusSeconds(1));
		assertThat(this.rotation.rotate(second.value())).isNotNull();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.rotation.rotate(first.value())).isNull();
		this.clock.advance(Duration.ofDays(1));
		assertThat(this.rotation.rotate(first.value())).isNull();
		// an expired token coming back is not theft: the family is not revoked
		assertThat(this.rotation.isRevoked(first.familyId())).isFalse();
	}

	@Test
	void rotateWhenFamilyRevokedThenNull() {
		IssuedRefreshToken first = this.rotation.start("wxapp1", "o-openid-1", null);
		this.rotation.revokeFamily(first.familyId());
		assertThat(this.rotation.isRevoked(first.familyId())).isTrue();
		assertThat(this.rotation.rotate(first.value())).isNull();
	}

	@Test
	void revokeFamilyWhenTtlPassedThenForgotten() {
		IssuedRefreshToken first = this.rotation.start("wxapp1", "o-openid-1", null);
		this.rotation.revokeFamily(first.familyId());
		this.clock.advance(TTL.minusSeconds(1));
		assertThat(this.rotation.isRevoked(first.familyId())).isTrue();
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(this.rotation.isRevoked(first.familyId())).isFalse();
	}

	@Test
	void rotateWhenSameTokenFrom8ThreadsThenExactlyOneSucceeds() throws Exception {
		for (int round = 0; round < 20; round++) {
			IssuedRefreshToken first = this.rotation.start("wxapp1", "o-openid-" + round, null);
			int threads = 8;
			CyclicBarrier start = new CyclicBarrier(threads);
			ExecutorService executor = Executors.newFixedThreadPool(threads);
			try {
				List<Future<RefreshTokenRotation.Rotated>> results = new ArrayList<>();
				for (int i = 0; i < threads; i++) {
					results.add(executor.submit(() -> {
						start.await(5, TimeUnit.SECONDS);
						return this.rotation.rotate(first.value());
					}));
				}
				List<RefreshTokenRotation.Rotated> succeeded = new ArrayList<>();
				for (Future<RefreshTokenRotation.Rotated> result : results) {
					RefreshTokenRotation.Rotated rotated = result.get(10, TimeUnit.SECONDS);
					if (rotated != null) {
						succeeded.add(rotated);
					}
				}
				assertThat(succeeded).hasSize(1);
				// the losers presented a used token: the family, winner's successor
				// included, is revoked
				assertThat(this.rotation.isRevoked(first.familyId())).isTrue();
				assertThat(this.rotation.rotate(succeeded.get(0).next().value())).isNull();
			}
			finally {
				executor.shutdownNow();
			}
		}
	}

}
