package io.github.wxlogin.store.redis;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.wxlogin.limits.RateLimit;
import io.github.wxlogin.limits.RateLimiter;
import io.github.wxlogin.limits.RateLimiterContractTests;
import io.github.wxlogin.store.RedisServer;
import io.github.wxlogin.store.StoreUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rate-limiter contract on a real {@code redis-server}: one key per counter, holding
 * a digest of what is counted, with its expiry.
 */
class RedisRateLimiterTests extends RateLimiterContractTests {

	static RedisServer server;

	static LettuceConnectionFactory connections;

	static StringRedisTemplate redis;

	@BeforeAll
	static void startRedis() {
		server = RedisServer.start();
		connections = RedisStoreContractTests.connectionFactory(server.port());
		redis = new StringRedisTemplate(connections);
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

	@BeforeEach
	void flush() {
		redis.execute((org.springframework.data.redis.core.RedisCallback<Object>) (connection) -> {
			connection.serverCommands().flushAll();
			return null;
		});
	}

	@Override
	protected RateLimiter limiter() {
		return new RedisRateLimiter(redis, new RedisKeys(RedisKeys.DEFAULT_PREFIX));
	}

	@Override
	protected void pass(Duration duration) throws InterruptedException {
		Thread.sleep(duration.toMillis());
	}

	@Test
	void consumeThenOneKeyWithExpiryHoldingNoAddress() {
		limiter().consume("203.0.113.7", new RateLimit("login-failures", 5, Duration.ofMinutes(1)));
		Set<String> keys = redis.keys("*");
		assertThat(keys).hasSize(1);
		String key = keys.iterator().next();
		assertThat(key).startsWith("wx-login:limit:login-failures:").doesNotContain("203.0.113.7");
		assertThat(redis.getExpire(key)).isBetween(1L, 60L);
	}

	@Test
	void consumeWhenRedisDownThenStoreUnavailable() {
		LettuceConnectionFactory nowhere = RedisStoreContractTests.connectionFactory(1);
		try {
			RedisRateLimiter limiter = new RedisRateLimiter(new StringRedisTemplate(nowhere),
					new RedisKeys(RedisKeys.DEFAULT_PREFIX));
			assertThatExceptionOfType(StoreUnavailableException.class)
				.isThrownBy(() -> limiter.consume("k", new RateLimit("x", 1, Duration.ofSeconds(1))));
		}
		finally {
			nowhere.destroy();
		}
	}

}
