package io.github.wxlogin.test.it;

import java.util.List;

import io.github.wxlogin.store.RedisServer;

/**
 * {@link RedisEndToEndTests} on a real Redis Cluster of three masters
 * ({@code spring.data.redis.cluster.nodes}): every script and multi-key command of the
 * starter must stay in one slot, or Redis answers {@code CROSSSLOT}.
 */
class RedisClusterEndToEndTests extends RedisEndToEndTests {

	RedisServer.Cluster cluster;

	@Override
	void startRedis() {
		this.cluster = RedisServer.startCluster();
	}

	@Override
	List<String> redisArguments() {
		return List.of("--spring.data.redis.cluster.nodes=" + String.join(",", this.cluster.nodes()));
	}

	@Override
	void stopRedis() {
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

}
