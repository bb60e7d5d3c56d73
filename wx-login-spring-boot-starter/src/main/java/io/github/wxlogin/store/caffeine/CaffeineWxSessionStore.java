package io.github.wxlogin.store.caffeine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import org.jspecify.annotations.Nullable;

import io.github.wxlogin.store.WxSessionStore;

/**
 * {@link WxSessionStore} in a bounded Caffeine cache; for one instance.
 */
public final class CaffeineWxSessionStore implements WxSessionStore {

	private final Cache<String, Entry> sessions;

	private final Clock clock;

	public CaffeineWxSessionStore(long maximumSize, Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
		this.sessions = Deadlines.<String, Entry>cache(maximumSize, clock, Entry::expiresAt).build();
	}

	@Override
	public void save(String appId, String openid, String sessionKey, Duration timeToLive) {
		this.sessions.put(key(appId, openid), new Entry(sessionKey, this.clock.instant().plus(timeToLive)));
	}

	@Override
	public @Nullable String find(String appId, String openid) {
		Entry entry = this.sessions.getIfPresent(key(appId, openid));
		return (entry != null && entry.expiresAt().isAfter(this.clock.instant())) ? entry.sessionKey() : null;
	}

	private static String key(String appId, String openid) {
		return appId + '\n' + openid;
	}

	private record Entry(String sessionKey, Instant expiresAt) {

		@Override
		public String toString() {
			return "Entry[expiresAt=" + this.expiresAt + "]";
		}

	}

}
