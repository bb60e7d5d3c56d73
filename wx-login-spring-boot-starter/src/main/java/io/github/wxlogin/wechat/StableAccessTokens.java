package io.github.wxlogin.wechat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Each app's access token from {@code stable_token}, cached until shortly before it
 * expires and fetched by one caller at a time: concurrent callers wait for that fetch
 * instead of each calling WeChat (no thundering herd). A call that WeChat refuses because
 * the token is no longer good (40001, 42001, 40014) gets a new token once and is retried
 * once. Tokens are never logged.
 * <p>
 * Thread-safe. Each instance keeps its own tokens, as {@code stable_token}'s normal mode
 * allows: WeChat answers every caller the same token while it is valid.
 */
public final class StableAccessTokens {

	/** The errcodes that mean "this access token is not (or no longer) good". */
	static final Set<Integer> TOKEN_REJECTED = Set.of(WxErrcode.INVALID_CREDENTIAL, WxErrcode.ACCESS_TOKEN_EXPIRED,
			WxErrcode.INVALID_ACCESS_TOKEN);

	private static final Duration MAX_MARGIN = Duration.ofMinutes(5);

	private final WxApiClient client;

	private final Clock clock;

	private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

	public StableAccessTokens(WxApiClient client, Clock clock) {
		this.client = Objects.requireNonNull(client, "client");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * Run a call with the app's access token; if WeChat refuses the token, get a new one
	 * and run the call once more.
	 * @param app the mini program
	 * @param call the call, given the token
	 * @return the call's result
	 */
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
			return fetch(app, slot, false);
		}
	}

	/**
	 * Until when the app's cached access token is used before it is fetched anew; for a
	 * health check, it never calls WeChat.
	 * @param appId the app
	 * @return the instant, possibly past, or {@code null} when none was fetched yet
	 */
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
			WxAccessToken token = this.client.stableAccessToken(app, false);
			if (token.value().equals(rejected)) {
				// WeChat still hands out the token it refuses: force a new one
				return fetch(app, slot, true);
			}
			return store(slot, token);
		}
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
