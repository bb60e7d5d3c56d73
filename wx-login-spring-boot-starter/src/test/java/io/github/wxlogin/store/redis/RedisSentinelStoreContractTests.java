package io.github.wxlogin.store.redis;

import java.time.Duration;

import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.github.wxlogin.store.RedisServer;

/**
 * The store contract, and the Redis-specific tests, through a Redis Sentinel: the client
 * asks the Sentinel for the master, as {@code spring.data.redis.sentinel.*} configures
 * it.
 */
class RedisSentinelStoreContractTests extends RedisStoreContractTests {

	RedisServer.Sentinel sentinel;

	@Override
	LettuceConnectionFactory connect() {
		this.sentinel = RedisServer.startSentinel("wx-login-master");
		return started(new LettuceConnectionFactory(
				new RedisSentinelConfiguration(this.sentinel.name(), java.util.Set.of(this.sentinel.node())),
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2)).build()));
	}

	@Override
	void stopServers() {
		if (this.sentinel != null) {
			this.sentinel.close();
		}
	}

	@Override
	void pauseClients(long millis) {
		this.sentinel.master().command("CLIENT", "PAUSE", Long.toString(millis), "ALL");
	}

}
