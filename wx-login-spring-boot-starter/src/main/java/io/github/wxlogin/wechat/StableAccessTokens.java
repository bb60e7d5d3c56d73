package io.github.wxlogin.wechat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.wxlogin.store.StoreUnavailableException;
import io.github.wxlogin.store.WxAccessTokenStore;
import io.github.wxlogin.store.WxAccessTokenStore.SharedAccessToken;

/**
 * Each app's access token from {@code stable_token}, cached until shortly before it
 * expires and fetched by one caller at a time: concurrent callers wait for that fetch
 * instead of each calling WeChat (no thundering herd). A call that WeChat refuses because
 * the token is no longer good (40001, 42001, 40014) gets a new token once and is retried
 * once. Tokens are never logged.
 * <p>
 * Thread-safe. Without a {@link WxAccessTokenStore} each instance keeps its own tokens,
 * as {@code stable_token}'s normal mode allows: WeChat answers every caller the same
 * token while it is valid. With one (the Redis store) the token is shared by every
 * instance: the one holding the app's lock fetches it while the others wait for it, all
 * reuse it until shortly before it expires, and a token WeChat refuses is replaced once
 * for all of them. Should the shared store fail, each instance fetches for itself.
 */
public final class StableAccessTokens implements WxAccessTokens {

	/** The errcodes that mean "this access token is not (or no longer) good". */
	static final Set<Integer> TOKEN_REJECTED = Set.of(WxErrcode.INVALID_CREDENTIAL, WxErrcode.ACCESS_TOKEN_EXPIRED,
			WxErrcode.INVALID_ACCESS_TOKEN);

	private static final Duration MAX_MARGIN = Duration.ofMinutes(5);

	/** How long the lock of whoever fetches lives, should it die while fetching. */
	static final Duration LOCK_TIME_TO_LIVE = Duration.ofSeconds(10);

	private static final long POLL_MILLIS = 25;

	private static final Log logger = LogFactory.getLog(StableAccessTokens.class);

	private final WxApiClient client;

	private final Clock clock;

	private final @Nullable WxAccessTokenStore shared;

	private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

	public StableAccessTokens(WxApiClient client, Clock clock) {
		this(client, clock, null);
	}

	/**
	 * @param client the WeChat client
	 * @param clock the time
	 * @param shared where the instances share their tokens, or {@code null} for none
	 */
	public StableAccessTokens(WxApiClient client, Clock clock, @Nullable WxAccessTokenStore shared) {
		this.client = Objects.requireNonNull(client, "client");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.shared = shared;
	}

	/**
	 * Run a call with the app's access token; if WeChat refuses the token, get a new one
	 * and run the call once more.
	 * @param app the mini program
	 * @param call the call, given the token
	 * @return the call's result
	 */
	@Override
	public <T> T withAccessToken(WxApp app, Function<String, T> call) {
		String token = get(app);
		try {
			return call.apply(token);
		}
		catch (WxApiException ex) {
			if (!TOKEN_REJECTED.contains(ex.errcode())) {
				throw ex;
			}
			return call.apply(replace(app, token));
		}
	}

	/**
	 * @return the app's current access token, fetched when none is cached or it is about
	 * to expire
	 */
	@Override
	public String get(WxApp app) {
		Slot slot = slot(app);
		Cached cached = slot.cached;
		if (cached != null && cached.isFresh(this.clock.instant())) {
			return cached.value();
		}
		synchronized (slot) {
			cached = slot.cached;
			if (cached != null && cached.isFresh(this.clock.instant())) {
				return cached.value();
			}
			if (this.shared != null) {
				return fetchShared(this.shared, app, slot, null);
			}
			return fetch(app, slot, false);
		}
	}

	/**
	 * Until when the app's cached access token is used before it is fetched anew; for a
	 * health check, it never calls WeChat.
	 * @param appId the app
	 * @return the instant, possibly past, or {@code null} when none was fetched yet
	 */
	@Override
	public @Nullable Instant cachedUntil(String appId) {
		Slot slot = this.slots.get(appId);
		Cached cached = (slot != null) ? slot.cached : null;
		return (cached != null) ? cached.refreshAt() : null;
	}

	/**
	 * Replace a token WeChat refused, unless another caller did already.
	 */
	String replace(WxApp app, String rejected) {
		Slot slot = slot(app);
		synchronized (slot) {
			Cached cached = slot.cached;
			if (cached != null && !cached.value().equals(rejected) && cached.isFresh(this.clock.instant())) {
				return cached.value();
			}
			if (this.shared != null) {
				return fetchShared(this.shared, app, slot, rejected);
			}
			return fetchReplacing(app, slot, rejected);
		}
	}

	private String fetchReplacing(WxApp app, Slot slot, String rejected) {
		WxAccessToken token = this.client.stableAccessToken(app, false);
		if (token.value().equals(rejected)) {
			// WeChat still hands out the token it refuses: force a new one
			return fetch(app, slot, true);
		}
		return store(slot, token);
	}

	/**
	 * The shared token, or, holding the app's lock, a new one fetched and shared; waits
	 * while another holds the lock (every other instance of the app waits likewise).
	 * @param rejected a token WeChat refused, which does not count as shared
	 */
	private String fetchShared(WxAccessTokenStore store, WxApp app, Slot slot, @Nullable String rejected) {
		String owner = UUID.randomUUID().toString();
		long giveUpAt = System.nanoTime() + LOCK_TIME_TO_LIVE.plusSeconds(1).toNanos();
		try {
			while (true) {
				SharedAccessToken token = store.find(app.appId());
				if (isUsable(token, rejected)) {
					slot.cached = new Cached(token.value(), token.refreshAt());
					return token.value();
				}
				if (store.tryLock(app.appId(), owner, LOCK_TIME_TO_LIVE)) {
					return fetchAndShare(store, app, slot, rejected, owner);
				}
				if (System.nanoTime() - giveUpAt > 0) {
					break;
				}
				Thread.sleep(POLL_MILLIS);
			}
		}
		catch (StoreUnavailableException ex) {
			logger.warn("wx-login: the shared WeChat access token cannot be reached (" + ex.getMessage()
					+ "); this instance fetches its own");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return (rejected != null) ? fetchReplacing(app, slot, rejected) : fetch(app, slot, false);
	}

	private String fetchAndShare(WxAccessTokenStore store, WxApp app, Slot slot, @Nullable String rejected,
			String owner) {
		try {
			SharedAccessToken token = store.find(app.appId());
			if (isUsable(token, rejected)) {
				store.unlock(app.appId(), owner);
				slot.cached = new Cached(token.value(), token.refreshAt());
				return token.value();
			}
			WxAccessToken fetched = this.client.stableAccessToken(app, false);
			if (rejected != null && fetched.value().equals(rejected)) {
				// WeChat still hands out the token it refuses: force a new one
				fetched = this.client.stableAccessToken(app, true);
			}
			String value = store(slot, fetched);
			Cached cached = slot.cached;
			store.save(app.appId(),
					new SharedAccessToken(value, (cached != null) ? cached.refreshAt() : this.clock.instant(),
							this.clock.instant().plus(fetched.expiresIn())),
					owner);
			return value;
		}
		catch (RuntimeException ex) {
			try {
				store.unlock(app.appId(), owner);
			}
			catch (StoreUnavailableException unlockFailed) {
				// the lock frees itself
			}
			throw ex;
		}
	}

	private boolean isUsable(@Nullable SharedAccessToken token, @Nullable String rejected) {
		return token != null && !token.value().equals(rejected) && this.clock.instant().isBefore(token.refreshAt());
	}

	private String fetch(WxApp app, Slot slot, boolean force) {
		return store(slot, this.client.stableAccessToken(app, force));
	}

	private String store(Slot slot, WxAccessToken token) {
		Duration margin = token.expiresIn().dividedBy(4);
		if (margin.compareTo(MAX_MARGIN) > 0) {
			margin = MAX_MARGIN;
		}
		slot.cached = new Cached(token.value(), this.clock.instant().plus(token.expiresIn()).minus(margin));
		return token.value();
	}

	private Slot slot(WxApp app) {
		return this.slots.computeIfAbsent(app.appId(), (appId) -> new Slot());
	}

	private static final class Slot {

		volatile @Nullable Cached cached;

	}

	private record Cached(String value, Instant refreshAt) {

		boolean isFresh(Instant now) {
			return now.isBefore(this.refreshAt);
		}

		@Override
		public String toString() {
			return "Cached[refreshAt=" + this.refreshAt + "]";
		}

	}

}
