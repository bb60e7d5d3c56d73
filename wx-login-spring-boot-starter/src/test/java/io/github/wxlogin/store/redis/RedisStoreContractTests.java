package io.github.wxlogin.store.redis;

import java.time.Duration;

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
