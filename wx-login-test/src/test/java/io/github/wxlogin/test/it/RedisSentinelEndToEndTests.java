package io.github.wxlogin.test.it;

import java.util.List;

import io.github.wxlogin.store.RedisServer;

/**
 * {@link RedisEndToEndTests} through a Redis Sentinel
 * ({@code spring.data.redis.sentinel.*}).
 */
class RedisSentinelEndToEndTests extends RedisEndToEndTests {

	RedisServer.Sentinel sentinel;

	@Override
	void startRedis() {
		this.sentinel = RedisServer.startSentinel("wx-login-master");
	}

	@Override
	List<String> redisArguments() {
		return List.of("--spring.data.redis.sentinel.master=" + this.sentinel.name(),
				"--spring.data.redis.sentinel.nodes=" + this.sentinel.node());
	}

	@Override
	void stopRedis() {
		if (this.sentinel != null) {
			this.sentinel.close();
		}
	}

}
