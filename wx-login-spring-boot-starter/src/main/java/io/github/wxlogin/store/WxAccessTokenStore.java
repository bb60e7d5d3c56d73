package io.github.wxlogin.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * WeChat access tokens shared by every instance, one per app, so that the instances fetch
 * one token between them instead of one each: whoever holds an app's lock fetches, the
 * others wait for the token it saves.
 * <p>
 * Thread-safe; may throw {@link StoreUnavailableException}.
 */
public interface WxAccessTokenStore {

	/**
	 * @return the app's shared token, or {@code null} when none is kept (never fetched,
	 * or expired)
	 */
	@Nullable SharedAccessToken find(String appId);

	/**
	 * Try to become the one caller that fetches the app's token.
	 * @param owner who asks, unique per caller and attempt
	 * @param timeToLive when the lock frees itself, should the owner die
	 * @return whether the caller now holds the lock
	 */
	boolean tryLock(String appId, String owner, Duration timeToLive);

	/**
	 * Share a token just fetched, and give up the lock if the owner holds it: one step.
	 */
	void save(String appId, SharedAccessToken token, String owner);

	/**
	 * Give up the lock, if the owner still holds it (a fetch failed).
	 */
	void unlock(String appId, String owner);

	/**
	 * A shared token.
	 *
	 * @param value the access token (a credential: never logged)
	 * @param refreshAt when a new one should be fetched, shortly before it expires
	 * @param expiresAt when WeChat stops accepting it
	 */
	record SharedAccessToken(String value, Instant refreshAt, Instant expiresAt) {

		public SharedAccessToken {
			Objects.requireNonNull(value, "value");
			Objects.requireNonNull(refreshAt, "refreshAt");
			Objects.requireNonNull(expiresAt, "expiresAt");
		}

		@Override
		public String toString() {
			return "SharedAccessToken[refreshAt=" + this.refreshAt + ", expiresAt=" + this.expiresAt + "]";
		}

	}

}
