package io.github.wxlogin.store.redis;

import java.time.Duration;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.github.wxlogin.store.RedisServer;

/**
 * The store contract, and the Redis-specific tests, on a real Redis Cluster of three
 * masters: a script or multi-key command that reached two slots would fail here with
 * {@code CROSSSLOT}.
 */
class RedisClusterStoreContractTests extends RedisStoreContractTests {

	RedisServer.Cluster cluster;

	@Override
	LettuceConnectionFactory connect() {
		this.cluster = RedisServer.startCluster();
		return started(new LettuceConnectionFactory(new RedisClusterConfiguration(this.cluster.nodes()),
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2)).build()));
	}

	/**
	 * A cluster node keeps each key in its slot's list too: 16 bytes more per key in
	 * {@code MEMORY USAGE} (216 + 168 bytes standalone, 232 + 184 here).
	 */
	@Override
	long perKeyOverhead() {
		return 16;
	}

	@Override
	void stopServers() {
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

	@Override
	void pauseClients(long millis) {
		for (RedisServer node : this.cluster.servers()) {
			node.command("CLIENT", "PAUSE", Long.toString(millis), "ALL");
		}
	}

}
