package io.github.wxlogin.store.caffeine;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import org.jspecify.annotations.Nullable;

import io.github.wxlogin.store.WxSessionStore;

/**
 * {@link WxSessionStore} in a Caffeine cache; for one instance. At {@code maximumSize}
 * the least used session keys are evicted (a user whose key is gone logs in again to send
 * encrypted data). Keyed by a 128-bit digest of app id and openid; a session key as
 * WeChat gives it (Base64 of 16 bytes) is kept as its 16 bytes.
 */
public final class CaffeineWxSessionStore implements WxSessionStore {

	private final Cache<Digest128, Entry> sessions;

	private final Clock clock;

	/**
	 * @param maximumSize how many session keys to keep at most
	 * @param clock the clock deadlines are on
	 */
	public CaffeineWxSessionStore(long maximumSize, Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
		this.sessions = Deadlines.evicting(maximumSize, clock, Entry::deadline);
	}

	@Override
	public void save(String appId, String openid, String sessionKey, Duration timeToLive) {
		this.sessions.put(key(appId, openid), Entry.of(sessionKey, this.clock.millis() + timeToLive.toMillis()));
	}

	@Override
	public @Nullable String find(String appId, String openid) {
		Entry entry = this.sessions.getIfPresent(key(appId, openid));
		return (entry != null && entry.deadline() > this.clock.millis()) ? entry.sessionKey() : null;
	}

	private static Digest128 key(String appId, String openid) {
		return Digest128.of(appId + '\n' + openid);
	}

	/**
	 * A session key: its 16 bytes when it is their Base64 (as WeChat's are), else as
	 * given.
	 */
	private record Entry(long high, long low, @Nullable String other, long deadline) {

		private static final Base64.Encoder ENCODER = Base64.getEncoder();

		static Entry of(String sessionKey, long deadline) {
			byte[] bytes = decode(sessionKey);
			if (bytes != null && bytes.length == 16 && ENCODER.encodeToString(bytes).equals(sessionKey)) {
				java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
				return new Entry(buffer.getLong(), buffer.getLong(), null, deadline);
			}
			return new Entry(0, 0, sessionKey, deadline);
		}

		String sessionKey() {
			if (this.other != null) {
				return this.other;
			}
			return ENCODER
				.encodeToString(java.nio.ByteBuffer.allocate(16).putLong(this.high).putLong(this.low).array());
		}

		private static byte @Nullable [] decode(String value) {
			try {
				return Base64.getDecoder().decode(value);
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}

		@Override
		public String toString() {
			return "Entry[deadline=" + this.deadline + "]";
		}

	}

}
