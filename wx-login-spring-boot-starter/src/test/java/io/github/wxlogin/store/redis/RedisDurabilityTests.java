package io.github.wxlogin.store.redis;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.github.wxlogin.store.RedisServer;
import io.github.wxlogin.store.RefreshTokenRecord;
import io.github.wxlogin.store.RefreshTokenStore.Rotation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the README asks of production Redis: with the append-only file on, a revocation
 * outlives a restart of Redis.
 */
class RedisDurabilityTests {

	@Test
	void revocationWhenRedisRestartedWithAppendOnlyFileThenStillHolds(@TempDir Path dir) {
		RedisServer server = RedisServer.startWithAppendOnlyFile(dir);
		LettuceConnectionFactory connections = RedisStoreContractTests.connectionFactory(server.port());
		try {
			StringRedisTemplate redis = new StringRedisTemplate(connections);
			RedisKeys keys = new RedisKeys(RedisKeys.DEFAULT_PREFIX);
			RedisRevocationFeed feed = new RedisRevocationFeed(redis, keys, Duration.ofHours(2));
			RedisRefreshTokenStore logins = new RedisRefreshTokenStore(redis, keys, feed);
			RedisRevokedTokenStore tokens = new RedisRevokedTokenStore(redis, keys, feed);
			Instant later = Instant.now().plus(Duration.ofDays(30));
			logins.save("digest-durable", new RefreshTokenRecord("family-durable", "wxapp", "o-durable", null, later));
			logins.revokeFamily("family-durable", later);
			tokens.revoke("jti-durable", "family-other", Instant.now().plus(Duration.ofHours(2)));

			server.restart();

			RedisRevocationLookup lookup = new RedisRevocationLookup(redis, keys);
			assertThat(awaitReconnected(() -> logins.isFamilyRevoked("family-durable"))).isTrue();
			assertThat(lookup.isRevoked("jti-any", "family-durable")).isTrue();
			assertThat(lookup.isRevoked("jti-durable", "family-other")).isTrue();
			assertThat(logins.rotate("family-durable", "digest-durable", "digest-next", later))
				.isInstanceOf(Rotation.Invalid.class);
			assertThat(redis.getExpire(keys.loginKey("family-durable"))).isPositive();
		}
		finally {
			connections.destroy();
			server.close();
		}
	}

	static boolean awaitReconnected(java.util.function.BooleanSupplier call) {
		long giveUpAt = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (true) {
			try {
				return call.getAsBoolean();
			}
			catch (RuntimeException ex) {
				if (System.nanoTime() - giveUpAt > 0) {
					throw ex;
				}
			}
		}
	}

}
