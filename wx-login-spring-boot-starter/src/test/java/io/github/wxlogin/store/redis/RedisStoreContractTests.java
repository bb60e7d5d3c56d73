package io.github.wxlogin.store.redis;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.wxlogin.store.RedisServer;
import io.github.wxlogin.store.RefreshTokenStore;
import io.github.wxlogin.store.RevokedTokenStore;
import io.github.wxlogin.store.StoreContractTests;
import io.github.wxlogin.store.StoreUnavailableException;
import io.github.wxlogin.store.UsedCodeStore;
import io.github.wxlogin.store.WxSessionStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The store contract on a real {@code redis-server}.
 */
class RedisStoreContractTests extends StoreContractTests {

	static RedisServer server;

	static LettuceConnectionFactory connections;

	static StringRedisTemplate redis;

	static final RedisKeys keys = new RedisKeys(RedisKeys.DEFAULT_PREFIX);

	@BeforeAll
	static void startRedis() {
		server = RedisServer.start();
		connections = connectionFactory(server.port());
		redis = new StringRedisTemplate(connections);
	}

	static LettuceConnectionFactory connectionFactory(int port) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port),
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2)).build());
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	@AfterAll
	static void stopRedis() {
		if (connections != null) {
			connections.destroy();
		}
		if (server != null) {
			server.close();
		}
	}

	@Override
	protected WxSessionStore sessions() {
		return new RedisWxSessionStore(redis, keys);
	}

	@Override
	protected UsedCodeStore codes() {
		return new RedisUsedCodeStore(redis, keys);
	}

	@Override
	protected RefreshTokenStore refreshTokens() {
		return new RedisRefreshTokenStore(redis, keys);
	}

	@Override
	protected RevokedTokenStore revokedTokens() {
		return new RedisRevokedTokenStore(redis, keys);
	}

	@Test
	void keysWhenWrittenThenNamespacedAndExpiring() {
		sessions().save("wxapp", "o-keys", "key", Duration.ofMinutes(1));
		codes().claim("wxapp", "the-code", Duration.ofMinutes(1));
		assertThat(redis.keys("*")).allMatch((key) -> key.startsWith("wx-login:"));
		assertThat(redis.keys("*")).noneMatch((key) -> key.contains("the-code"));
		assertThat(redis.getExpire("wx-login:session:wxapp:o-keys")).isPositive();
	}

	@Test
	void revocationLookupWhenTokenOrLoginRevokedThenOneCallAnswersAsTheStores() {
		RedisRevocationLookup lookup = new RedisRevocationLookup(redis, keys);
		Instant later = Instant.now().plusSeconds(60);
		assertThat(lookup.isRevoked("jti-lookup-1", "family-lookup-1")).isFalse();

		revokedTokens().revoke("jti-lookup-1", later);
		refreshTokens().revokeFamily("family-lookup-2", later);

		assertThat(lookup.isRevoked("jti-lookup-1", "family-lookup-1")).isTrue();
		assertThat(lookup.isRevoked("jti-lookup-2", "family-lookup-2")).isTrue();
		assertThat(lookup.isRevoked("jti-lookup-1", "family-lookup-2")).isTrue();
		assertThat(lookup.isRevoked("jti-lookup-3", "family-lookup-3")).isFalse();
		for (String[] pair : new String[][] { { "jti-lookup-1", "family-lookup-1" }, { "jti-lookup-2", "family-lookup-2" },
				{ "jti-lookup-3", "family-lookup-3" } }) {
			assertThat(lookup.isRevoked(pair[0], pair[1])).isEqualTo(
					revokedTokens().isRevoked(pair[0]) || refreshTokens().isFamilyRevoked(pair[1]));
		}
	}

	@Test
	void revocationLookupWhenRedisUnreachableThenStoreUnavailable() {
		LettuceConnectionFactory nowhere = connectionFactory(closedPort());
		try {
			RedisRevocationLookup lookup = new RedisRevocationLookup(new StringRedisTemplate(nowhere), keys);
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
			RedisWxSessionStore store = new RedisWxSessionStore(new StringRedisTemplate(nowhere), keys);
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
