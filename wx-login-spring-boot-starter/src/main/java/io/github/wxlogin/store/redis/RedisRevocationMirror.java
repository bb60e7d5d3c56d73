package io.github.wxlogin.store.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.stream.ByteRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;

import io.github.wxlogin.store.RevocationLookup;

/**
 * A {@link RevocationLookup} that answers bearer requests from memory: each instance
 * keeps a mirror of the revocations announced on the {@link RedisRevocationFeed} stream
 * (revoked logins and {@code jti}s, each as long as a token it concerns can still be
 * valid), fed by one daemon thread with a blocking {@code XREAD} of
 * {@value #BLOCK_MILLIS} ms.
 * <p>
 * The mirror is trusted only while it is fresh: it has caught up with the stream and a
 * read issued less than {@link #TRUSTED_FOR} ago has answered. Otherwise (start-up, Redis
 * slow or down, the thread stopped) every question goes to the {@code fallback}, which
 * asks Redis, so a revocation is felt everywhere within {@link #TRUSTED_FOR}, and a Redis
 * that is down is answered {@code 503 store_unavailable} as without the mirror. After a
 * gap the reader resumes from the last entry it saw, which the stream keeps for the whole
 * {@link RedisRevocationFeed#window() window}.
 * <p>
 * Thread-safe. Started and stopped with the application context.
 */
public final class RedisRevocationMirror implements RevocationLookup, SmartLifecycle {

	/** How long a read blocks on the stream. */
	static final long BLOCK_MILLIS = 300;

	/** How long the mirror is trusted after the issue of the last read that answered. */
	public static final Duration TRUSTED_FOR = Duration.ofSeconds(1);

	private static final long COUNT = 1000;

	private static final long CLEAN_EVERY_MILLIS = 10_000;

	private static final Log logger = LogFactory.getLog(RedisRevocationMirror.class);

	private static final byte[] FAMILY = { 's' };

	private static final byte[] TOKEN = { 'j' };

	private final RedisConnectionFactory connections;

	private final byte[] streamKey;

	private final RevocationLookup fallback;

	private final RedisRevocationFeed feed;

	private final long keepMillis;

	/**
	 * Revoked logins and tokens, each to the epoch ms after which it no longer matters.
	 */
	private final Map<String, Long> families = new ConcurrentHashMap<>();

	private final Map<String, Long> tokens = new ConcurrentHashMap<>();

	private final RedisRevocationFeed.Listener local = this::remember;

	private volatile long freshUntilNanos = System.nanoTime();

	private volatile boolean fresh;

	private volatile @Nullable Thread reader;

	/**
	 * @param connections where the stream is
	 * @param keys the key layout
	 * @param feed the announcements, whose window tells how long an entry matters
	 * @param fallback asks Redis when the mirror is not fresh
	 */
	public RedisRevocationMirror(RedisConnectionFactory connections, RedisKeys keys, RedisRevocationFeed feed,
			RevocationLookup fallback) {
		this.connections = Objects.requireNonNull(connections, "connections");
		this.streamKey = keys.revocationsKey().getBytes(StandardCharsets.UTF_8);
		this.feed = Objects.requireNonNull(feed, "feed");
		this.fallback = Objects.requireNonNull(fallback, "fallback");
		// a minute more for clocks of instances and Redis that differ
		this.keepMillis = feed.window().toMillis() + 60_000;
	}

	@Override
	public boolean isRevoked(String tokenId, String familyId) {
		if (isFresh()) {
			return this.families.containsKey(familyId) || this.tokens.containsKey(tokenId);
		}
		return this.fallback.isRevoked(tokenId, familyId);
	}

	/**
	 * @return whether bearer requests are answered from memory now
	 */
	public boolean isFresh() {
		return this.fresh && System.nanoTime() - this.freshUntilNanos < 0;
	}

	@Override
	public void start() {
		this.feed.addListener(this.local);
		Thread thread = new Thread(this::read, "wx-login-revocations");
		thread.setDaemon(true);
		this.reader = thread;
		thread.start();
	}

	@Override
	public void stop() {
		Thread thread = this.reader;
		this.reader = null;
		this.fresh = false;
		this.feed.removeListener(this.local);
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(Duration.ofSeconds(5).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.reader != null;
	}

	private void remember(String familyId, @Nullable String tokenId, long atMillis) {
		Long until = atMillis + this.keepMillis;
		if (tokenId != null) {
			this.tokens.merge(tokenId, until, Math::max);
		}
		else {
			this.families.merge(familyId, until, Math::max);
		}
	}

	private void read() {
		String lastId = "0-0";
		long nextClean = System.currentTimeMillis() + CLEAN_EVERY_MILLIS;
		boolean failing = false;
		while (this.reader == Thread.currentThread()) {
			RedisConnection connection = null;
			try {
				connection = this.connections.getConnection();
				while (this.reader == Thread.currentThread()) {
					long issued = System.nanoTime();
					List<ByteRecord> records = connection.streamCommands()
						.xRead(StreamReadOptions.empty().count(COUNT).block(Duration.ofMillis(BLOCK_MILLIS)),
								StreamOffset.create(this.streamKey, ReadOffset.from(lastId)));
					if (records != null) {
						for (ByteRecord record : records) {
							lastId = record.getId().getValue();
							apply(record);
						}
					}
					if (records == null || records.size() < COUNT) {
						this.freshUntilNanos = issued + TRUSTED_FOR.toNanos();
						this.fresh = true;
					}
					if (failing) {
						logger.info("wx-login: the revocation mirror reads Redis again");
						failing = false;
					}
					long now = System.currentTimeMillis();
					if (now >= nextClean) {
						this.families.values().removeIf((until) -> until < now);
						this.tokens.values().removeIf((until) -> until < now);
						nextClean = now + CLEAN_EVERY_MILLIS;
					}
				}
			}
			catch (RuntimeException ex) {
				if (this.reader != Thread.currentThread()) {
					break;
				}
				if (!failing) {
					logger.warn("wx-login: the revocation mirror cannot read Redis (" + ex.getClass().getSimpleName()
							+ "); bearer requests ask Redis until it can");
					failing = true;
				}
				pause();
			}
			finally {
				if (connection != null) {
					try {
						connection.close();
					}
					catch (RuntimeException ex) {
						// already broken
					}
				}
			}
		}
	}

	private void apply(ByteRecord record) {
		Map<byte[], byte[]> fields = record.getValue();
		String familyId = null;
		String tokenId = null;
		for (Map.Entry<byte[], byte[]> field : fields.entrySet()) {
			if (java.util.Arrays.equals(field.getKey(), FAMILY)) {
				familyId = new String(field.getValue(), StandardCharsets.UTF_8);
			}
			else if (java.util.Arrays.equals(field.getKey(), TOKEN)) {
				tokenId = new String(field.getValue(), StandardCharsets.UTF_8);
			}
		}
		if (familyId != null) {
			remember(familyId, tokenId, millisOf(record.getId().getValue()));
		}
	}

	private static long millisOf(String streamId) {
		int dash = streamId.indexOf('-');
		return Long.parseLong((dash > 0) ? streamId.substring(0, dash) : streamId);
	}

	private static void pause() {
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
