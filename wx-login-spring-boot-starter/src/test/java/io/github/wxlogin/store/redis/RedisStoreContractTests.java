package io.github.wxlogin.store.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.wxlogin.store.RedisServer;
import io.github.wxlogin.store.RefreshTokenRecord;
import io.github.wxlogin.store.RefreshTokenStore.Rotation;
import io.github.wxlogin.store.StoreContractTests;
import io.github.wxlogin.store.StoreUnavailableException;
import io.github.wxlogin.store.UsedCodeStore;
import io.github.wxlogin.store.WxSessionStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The store contract on a real standalone {@code redis-server}; the same tests run on a
 * Redis Cluster in {@link RedisClusterStoreContractTests}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisStoreContractTests extends StoreContractTests {

	static final Duration WINDOW = Duration.ofHours(2);

	final RedisKeys keys = new RedisKeys(RedisKeys.DEFAULT_PREFIX);

	RedisServer server;

	LettuceConnectionFactory connections;

	StringRedisTemplate redis;

	RedisRevocationFeed feed;

	@BeforeAll
	void startRedis() {
		this.connections = connect();
		this.redis = new StringRedisTemplate(this.connections);
		this.feed = new RedisRevocationFeed(this.redis, this.keys, WINDOW);
	}

	/** Start the Redis of these tests and connect to it. */
	LettuceConnectionFactory connect() {
		this.server = RedisServer.start();
		return connectionFactory(this.server.port());
	}

	static LettuceConnectionFactory connectionFactory(int port) {
		return started(new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port),
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2)).build()));
	}

	static LettuceConnectionFactory started(LettuceConnectionFactory factory) {
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	@AfterAll
	void stopRedis() {
		if (this.connections != null) {
			this.connections.destroy();
		}
		stopServers();
	}

	void stopServers() {
		if (this.server != null) {
			this.server.close();
		}
	}

	/** Every key in Redis (on every master of a cluster). */
	Set<String> allKeys() {
		return this.redis.keys("*");
	}

	@Override
	protected WxSessionStore sessions() {
		return new RedisWxSessionStore(this.redis, this.keys);
	}

	@Override
	protected UsedCodeStore codes() {
		return new RedisUsedCodeStore(this.redis, this.keys);
	}

	@Override
	protected RedisRefreshTokenStore refreshTokens() {
		return new RedisRefreshTokenStore(this.redis, this.keys, this.feed);
	}

	@Override
	protected RedisRevokedTokenStore revokedTokens() {
		return new RedisRevokedTokenStore(this.redis, this.keys, this.feed);
	}

	RedisRevocationMirror mirror() {
		return new RedisRevocationMirror(this.connections, this.keys, this.feed,
				new RedisRevocationLookup(this.redis, this.keys));
	}

	@Test
	void keysWhenWrittenThenNamespacedTaggedAndExpiring() {
		sessions().save("wxapp", "o-keys", "key", Duration.ofMinutes(1));
		codes().claim("wxapp", "the-code", Duration.ofMinutes(1));
		refreshTokens().save("digest-keys",
				new RefreshTokenRecord("family-keys", "wxapp", "o-keys", null, Instant.now().plusSeconds(60)));
		revokedTokens().revoke("jti-keys", "family-keys", Instant.now().plusSeconds(60));
		assertThat(allKeys()).allMatch((key) -> key.startsWith("wx-login:"));
		assertThat(allKeys()).noneMatch((key) -> key.contains("the-code"));
		assertThat(allKeys()).contains("wx-login:{wxapp:o-keys}:session", "wx-login:{wxapp:o-keys}:logins",
				"wx-login:{family-keys}:login", "wx-login:revocations");
		for (String key : allKeys()) {
			assertThat(this.redis.getExpire(key)).as(key).isPositive();
		}
	}

	@Test
	void keysWhenPrefixConfiguredThenEveryKeyCarriesIt() {
		RedisKeys other = new RedisKeys("app-b:");
		new RedisRefreshTokenStore(this.redis, other, new RedisRevocationFeed(this.redis, other, WINDOW)).save(
				"digest-prefix",
				new RefreshTokenRecord("family-prefix", "wxapp", "o-prefix", null, Instant.now().plusSeconds(60)));
		assertThat(allKeys()).contains("app-b:{family-prefix}:login", "app-b:{wxapp:o-prefix}:logins");
		assertThat(refreshTokens().logins("wxapp", "o-prefix")).isEmpty();
	}

	@Test
	void loginWhenSavedThenAtMostFourHundredBytes() {
		String openid = "oVBkZ0aYgDMDIywRdgPW8-joxXc4";
		refreshTokens().save("q1J3lPYWpBzv5fZ3nCBxmAaZaT4C3sIGJk4mBxmSZ8A", new RefreshTokenRecord(
				"4lzPzUrV0wHjYI-Xz9Lq3A", "wx1234567890abcdef", openid, null, Instant.now().plus(Duration.ofDays(30))));
		long login = memoryUsage("wx-login:{4lzPzUrV0wHjYI-Xz9Lq3A}:login");
		long index = memoryUsage("wx-login:{wx1234567890abcdef:" + openid + "}:logins");
		assertThat(login + index).as("login %d + index %d", login, index)
			.isLessThanOrEqualTo(400 + 2 * perKeyOverhead());
	}

	@Test
	void refreshWhenRotatedManyTimesThenExpiredRotatedTokensForgotten() throws InterruptedException {
		String family = "family-long-lived";
		String token = "digest-0";
		refreshTokens().save(token,
				new RefreshTokenRecord(family, "wxapp", "o-long", null, Instant.now().plusMillis(200)));
		for (int i = 1; i <= 80; i++) {
			String next = "digest-" + i;
			// the first 40 tokens expire soon, the rest later
			Instant expiry = Instant.now().plusMillis((i < 40) ? 200 : 60_000);
			assertThat(refreshTokens().rotate(family, token, next, expiry)).isInstanceOf(Rotation.Rotated.class);
			token = next;
			if (i == 40) {
				Thread.sleep(300);
			}
		}
		assertThat(this.redis.opsForHash().size(this.keys.loginKey(family))).isLessThan(60);
		assertThat(refreshTokens().rotate(family, "digest-70", "digest-x", Instant.now().plusSeconds(60)))
			.isInstanceOf(Rotation.Reused.class);
	}

	/** Bytes Redis adds to each key beyond a standalone server's. */
	long perKeyOverhead() {
		return 0;
	}

	long memoryUsage(String key) {
		Long usage = this.redis.execute(org.springframework.data.redis.core.script.RedisScript
			.of("return redis.call('MEMORY', 'USAGE', KEYS[1])", Long.class), List.of(key));
		return usage;
	}

	@Test
	void revocationLookupWhenTokenOrLoginRevokedThenOneCallAnswersAsTheStores() {
		RedisRevocationLookup lookup = new RedisRevocationLookup(this.redis, this.keys);
		Instant later = Instant.now().plusSeconds(60);
		assertThat(lookup.isRevoked("jti-lookup-1", "family-lookup-1")).isFalse();

		revokedTokens().revoke("jti-lookup-1", "family-lookup-1", later);
		refreshTokens().revokeFamily("family-lookup-2", later);

		assertThat(lookup.isRevoked("jti-lookup-1", "family-lookup-1")).isTrue();
		assertThat(lookup.isRevoked("jti-lookup-2", "family-lookup-2")).isTrue();
		assertThat(lookup.isRevoked("jti-lookup-3", "family-lookup-1")).isFalse();
		assertThat(lookup.isRevoked("jti-lookup-3", "family-lookup-3")).isFalse();
		for (String[] pair : new String[][] { { "jti-lookup-1", "family-lookup-1" },
				{ "jti-lookup-2", "family-lookup-2" }, { "jti-lookup-3", "family-lookup-3" } }) {
			assertThat(lookup.isRevoked(pair[0], pair[1]))
				.isEqualTo(revokedTokens().isRevoked(pair[0], pair[1]) || refreshTokens().isFamilyRevoked(pair[1]));
		}
	}

	@Test
	void mirrorWhenStartedThenCatchesUpAndHearsRevocationsOfOtherInstancesWithinASecond() throws Exception {
		refreshTokens().revokeFamily("family-before-start", Instant.now().plusSeconds(60));
		RedisRevocationMirror mirror = mirror();
		assertThat(mirror.isFresh()).isFalse();
		mirror.start();
		try {
			awaitFresh(mirror);
			assertThat(mirror.isRevoked("jti-m", "family-before-start")).isTrue();
			assertThat(mirror.isRevoked("jti-m", "family-mirror")).isFalse();

			// another instance: its own feed, which this mirror does not listen to
			RedisRevocationFeed elsewhere = new RedisRevocationFeed(this.redis, this.keys, WINDOW);
			long started = System.nanoTime();
			new RedisRevokedTokenStore(this.redis, this.keys, elsewhere).revoke("jti-m", "family-mirror",
					Instant.now().plusSeconds(60));
			while (!mirror.isRevoked("jti-m", "family-mirror")) {
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
				Thread.sleep(5);
			}
			assertThat(mirror.isRevoked("jti-other", "family-mirror")).isFalse();
		}
		finally {
			mirror.stop();
		}
		assertThat(mirror.isRunning()).isFalse();
		assertThat(mirror.isFresh()).isFalse();
	}

	@Test
	void mirrorWhenRevokedOnThisInstanceThenRefusedAtOnce() throws InterruptedException {
		RedisRevocationMirror mirror = mirror();
		mirror.start();
		try {
			awaitFresh(mirror);
			refreshTokens().revokeFamily("family-local", Instant.now().plusSeconds(60));
			assertThat(mirror.isRevoked("jti-local", "family-local")).isTrue();
		}
		finally {
			mirror.stop();
		}
	}

	/** Make every server these tests use stop answering clients for a while. */
	void pauseClients(long millis) {
		this.server.command("CLIENT", "PAUSE", Long.toString(millis), "ALL");
	}

	@Test
	void mirrorWhenRedisStallsThenNotTrustedUntilItAnswersAgain() throws InterruptedException {
		RedisRevocationMirror mirror = mirror();
		mirror.start();
		try {
			awaitFresh(mirror);
			pauseClients(1800);
			Thread.sleep(RedisRevocationMirror.TRUSTED_FOR.toMillis() + 300);
			assertThat(mirror.isFresh()).isFalse();
			awaitFresh(mirror);
			// caught up: a revocation announced by another instance during or after the
			// gap
			new RedisRefreshTokenStore(this.redis, this.keys, new RedisRevocationFeed(this.redis, this.keys, WINDOW))
				.revokeFamily("family-after-gap", Instant.now().plusSeconds(60));
			long started = System.nanoTime();
			while (!mirror.isRevoked("jti-gap", "family-after-gap")) {
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
				Thread.sleep(5);
			}
		}
		finally {
			mirror.stop();
		}
	}

	@Test
	void mirrorWhenRedisUnreachableThenNotTrustedAndStoreUnavailable() throws InterruptedException {
		LettuceConnectionFactory nowhere = connectionFactory(closedPort());
		try {
			StringRedisTemplate template = new StringRedisTemplate(nowhere);
			RedisRevocationMirror mirror = new RedisRevocationMirror(nowhere, this.keys,
					new RedisRevocationFeed(template, this.keys, WINDOW),
					new RedisRevocationLookup(template, this.keys));
			mirror.start();
			try {
				Thread.sleep(500);
				assertThat(mirror.isFresh()).isFalse();
				assertThatExceptionOfType(StoreUnavailableException.class)
					.isThrownBy(() -> mirror.isRevoked("jti", "family"));
			}
			finally {
				mirror.stop();
			}
		}
		finally {
			nowhere.destroy();
		}
	}

	static void awaitFresh(RedisRevocationMirror mirror) throws InterruptedException {
		long started = System.nanoTime();
		while (!mirror.isFresh()) {
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
			Thread.sleep(5);
		}
	}

	@Test
	void revocationLookupWhenRedisUnreachableThenStoreUnavailable() {
		LettuceConnectionFactory nowhere = connectionFactory(closedPort());
		try {
			RedisRevocationLookup lookup = new RedisRevocationLookup(new StringRedisTemplate(nowhere), this.keys);
			assertThatExceptionOfType(StoreUnavailableException.class)
				.isThrownBy(() -> lookup.isRevoked("jti", "family"))
				.withMessageNotContaining("jti");
		}
		finally {
			nowhere.destroy();
		}
	}

	@Test
	void callWhenRedisUnreachableThenStoreUnavailableWithinSeconds() {
		LettuceConnectionFactory nowhere = connectionFactory(closedPort());
		try {
			RedisWxSessionStore store = new RedisWxSessionStore(new StringRedisTemplate(nowhere), this.keys);
			long started = System.nanoTime();
			assertThatExceptionOfType(StoreUnavailableException.class).isThrownBy(() -> store.find("wxapp", "o"))
				.withMessageNotContaining("wxapp");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		}
		finally {
			nowhere.destroy();
		}
	}

	static int closedPort() {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
