package io.github.wxlogin.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.github.wxlogin.store.RefreshTokenStore.Rotation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every store implementation must do, run against each (in memory, and a real
 * Redis). Time-dependent cases use short real lifetimes.
 */
public abstract class StoreContractTests {

	protected abstract WxSessionStore sessions();

	protected abstract UsedCodeStore codes();

	protected abstract RefreshTokenStore refreshTokens();

	protected abstract RevokedTokenStore revokedTokens();

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID();
	}

	static Instant in(Duration duration) {
		return Instant.now().plus(duration);
	}

	static void sleep(Duration duration) throws InterruptedException {
		Thread.sleep(duration.toMillis());
	}

	@Test
	void sessionWhenSavedThenFoundAndReplacedByTheNext() {
		String openid = unique("o");
		assertThat(sessions().find("wxapp", openid)).isNull();
		sessions().save("wxapp", openid, "key-1", Duration.ofMinutes(1));
		sessions().save("wxapp", openid, "key-2", Duration.ofMinutes(1));
		assertThat(sessions().find("wxapp", openid)).isEqualTo("key-2");
		assertThat(sessions().find("otherapp", openid)).isNull();
	}

	@Test
	void sessionWhenItsTimeToLivePassedThenGone() throws InterruptedException {
		String openid = unique("o");
		sessions().save("wxapp", openid, "key", Duration.ofMillis(300));
		sleep(Duration.ofMillis(450));
		assertThat(sessions().find("wxapp", openid)).isNull();
	}

	@Test
	void codeWhenClaimedTwiceThenOnlyTheFirstWinsUntilReleased() {
		String code = unique("code");
		assertThat(codes().claim("wxapp", code, Duration.ofMinutes(1))).isTrue();
		assertThat(codes().claim("wxapp", code, Duration.ofMinutes(1))).isFalse();
		assertThat(codes().claim("otherapp", code, Duration.ofMinutes(1))).isTrue();
		codes().release("wxapp", code);
		assertThat(codes().claim("wxapp", code, Duration.ofMinutes(1))).isTrue();
	}

	@Test
	void codeWhenClaimedConcurrentlyThenExactlyOneWins() throws Exception {
		String code = unique("code");
		List<Boolean> results = concurrently(16, () -> codes().claim("wxapp", code, Duration.ofMinutes(1)));
		assertThat(results).containsOnlyOnce(true);
	}

	@Test
	void codeWhenItsMemoryExpiredThenClaimableAgain() throws InterruptedException {
		String code = unique("code");
		assertThat(codes().claim("wxapp", code, Duration.ofMillis(300))).isTrue();
		sleep(Duration.ofMillis(450));
		assertThat(codes().claim("wxapp", code, Duration.ofMinutes(1))).isTrue();
	}

	@Test
	void revokedWhenRevokedThenRevokedUntilItsExpiry() throws InterruptedException {
		String jti = unique("jti");
		String family = unique("family");
		assertThat(revokedTokens().isRevoked(jti, family)).isFalse();
		revokedTokens().revoke(jti, family, in(Duration.ofMillis(400)));
		assertThat(revokedTokens().isRevoked(jti, family)).isTrue();
		assertThat(revokedTokens().isRevoked(unique("jti"), family)).isFalse();
		assertThat(refreshTokens().isFamilyRevoked(family)).isFalse();
		sleep(Duration.ofMillis(600));
		assertThat(revokedTokens().isRevoked(jti, family)).isFalse();
	}

	@Test
	void revokedWhenAlreadyExpiredThenNothingKept() {
		String jti = unique("jti");
		String family = unique("family");
		revokedTokens().revoke(jti, family, Instant.now().minusSeconds(1));
		assertThat(revokedTokens().isRevoked(jti, family)).isFalse();
	}

	RefreshTokenRecord record(String family, Duration lifetime) {
		return new RefreshTokenRecord(family, "wxapp", "o-user", "u-user", in(lifetime));
	}

	@Test
	void loginsWhenStartedRotatedAndRevokedThenOnlyTheActiveListed() throws InterruptedException {
		String openid = unique("o");
		String first = unique("family");
		String second = unique("family");
		String third = unique("family");
		String token = unique("rt");
		refreshTokens().save(token, new RefreshTokenRecord(first, "wxapp", openid, null, in(Duration.ofMinutes(5))));
		sleep(Duration.ofMillis(20));
		refreshTokens().save(unique("rt"),
				new RefreshTokenRecord(second, "wxapp", openid, null, in(Duration.ofMinutes(5))));
		refreshTokens().save(unique("rt"),
				new RefreshTokenRecord(third, "wxapp", openid, null, in(Duration.ofMinutes(5))));
		refreshTokens().save(unique("rt"),
				new RefreshTokenRecord(unique("family"), "otherapp", openid, null, in(Duration.ofMinutes(5))));
		sleep(Duration.ofMillis(20));
		refreshTokens().rotate(first, token, unique("rt"), in(Duration.ofMinutes(5)));
		refreshTokens().revokeFamily(third, in(Duration.ofMinutes(5)));

		List<WxLoginSession> logins = refreshTokens().logins("wxapp", openid);

		assertThat(logins).extracting(WxLoginSession::loginId).containsExactly(first, second);
		assertThat(logins.get(0).lastRefreshed()).isAfter(logins.get(0).created());
		assertThat(logins.get(1).lastRefreshed()).isEqualTo(logins.get(1).created());
		assertThat(refreshTokens().logins("wxapp", unique("o"))).isEmpty();
	}

	@Test
	void refreshWhenRotatedThenSuccessorWorksAndRecordIsKept() {
		String family = unique("family");
		String first = unique("rt");
		refreshTokens().save(first, record(family, Duration.ofMinutes(5)));

		String second = unique("rt");
		Rotation rotation = refreshTokens().rotate(family, first, second, in(Duration.ofMinutes(5)));

		assertThat(rotation).isInstanceOf(Rotation.Rotated.class);
		RefreshTokenRecord previous = ((Rotation.Rotated) rotation).previous();
		assertThat(previous.familyId()).isEqualTo(family);
		assertThat(previous.appId()).isEqualTo("wxapp");
		assertThat(previous.openid()).isEqualTo("o-user");
		assertThat(previous.unionid()).isEqualTo("u-user");
		assertThat(refreshTokens().rotate(family, second, unique("rt"), in(Duration.ofMinutes(5))))
			.isInstanceOf(Rotation.Rotated.class);
	}

	@Test
	void refreshWhenRotatedTokenComesBackThenFamilyRevokedSuccessorIncluded() {
		String family = unique("family");
		String first = unique("rt");
		refreshTokens().save(first, record(family, Duration.ofMinutes(5)));
		String second = unique("rt");
		refreshTokens().rotate(family, first, second, in(Duration.ofMinutes(5)));

		Rotation reuse = refreshTokens().rotate(family, first, unique("rt"), in(Duration.ofMinutes(5)));

		assertThat(reuse).isEqualTo(new Rotation.Reused(family));
		assertThat(refreshTokens().isFamilyRevoked(family)).isTrue();
		assertThat(refreshTokens().rotate(family, second, unique("rt"), in(Duration.ofMinutes(5))))
			.isInstanceOf(Rotation.Invalid.class);
	}

	@Test
	void refreshWhenUnknownExpiredOrFamilyRevokedThenInvalid() throws InterruptedException {
		assertThat(refreshTokens().rotate(unique("family"), unique("rt"), unique("rt"), in(Duration.ofMinutes(5))))
			.isInstanceOf(Rotation.Invalid.class);

		String shortLived = unique("rt");
		String shortFamily = unique("family");
		refreshTokens().save(shortLived, record(shortFamily, Duration.ofMillis(300)));
		sleep(Duration.ofMillis(450));
		assertThat(refreshTokens().rotate(shortFamily, shortLived, unique("rt"), in(Duration.ofMinutes(5))))
			.isInstanceOf(Rotation.Invalid.class);

		String family = unique("family");
		String loggedOut = unique("rt");
		refreshTokens().save(loggedOut, record(family, Duration.ofMinutes(5)));
		refreshTokens().revokeFamily(family, in(Duration.ofMinutes(5)));
		assertThat(refreshTokens().isFamilyRevoked(family)).isTrue();
		assertThat(refreshTokens().rotate(family, loggedOut, unique("rt"), in(Duration.ofMinutes(5))))
			.isInstanceOf(Rotation.Invalid.class);
	}

	@Test
	void refreshWhenRotatedConcurrentlyThenExactlyOneRotates() throws Exception {
		String token = unique("rt");
		String family = unique("family");
		refreshTokens().save(token, record(family, Duration.ofMinutes(5)));

		List<Rotation> results = concurrently(8,
				() -> refreshTokens().rotate(family, token, unique("rt"), in(Duration.ofMinutes(5))));

		assertThat(results).filteredOn(Rotation.Rotated.class::isInstance).hasSize(1);
	}

	static <T> List<T> concurrently(int threads, Callable<T> task) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				futures.add(pool.submit(() -> {
					start.await();
					return task.call();
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get());
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
