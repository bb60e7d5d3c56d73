package io.github.wxlogin.test.simulator;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * The access tokens of all apps: {@code /cgi-bin/stable_token} and {@code /cgi-bin/token}
 * issue them (two separate families, neither invalidates the other), the APIs check them.
 * Thread-safe: issuing is serialised per app, checking is lock-free.
 */
final class AccessTokens {

	static final Duration LIFETIME = Duration.ofHours(2);

	/**
	 * Overlap of old and new token when a token is rotated (see docs/wechat.md, "The
	 * access token").
	 */
	static final Duration OVERLAP = Duration.ofMinutes(5);

	private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
		.toCharArray();

	private static final int LENGTH = 136;

	private final SecureRandom random = new SecureRandom();

	private final Map<String, Token> byValue = new ConcurrentHashMap<>();

	private final Map<String, AppTokens> byApp = new ConcurrentHashMap<>();

	/**
	 * A stable token: in normal mode the current one while it has more than five minutes
	 * to live (after which a new one is issued and the old one lives out its time); with
	 * {@code forceRefresh} always a new one, the current one dying at once.
	 */
	Issued stable(String appId, boolean forceRefresh, Instant now) {
		AppTokens app = app(appId);
		synchronized (app) {
			app.stableFetches.incrementAndGet();
			Token current = app.stable;
			if (!forceRefresh && current != null && current.isValid(now)
					&& now.isBefore(current.expiresAt.minus(OVERLAP))) {
				return new Issued(current.value, Duration.between(now, current.expiresAt).toSeconds());
			}
			if (forceRefresh && current != null) {
				current.revokeAt(now);
			}
			app.stable = issue(appId, now);
			return new Issued(app.stable.value, LIFETIME.toSeconds());
		}
	}

	/**
	 * A classic token: always a new one; the previous stays valid for five more minutes,
	 * older ones die now.
	 */
	Issued classic(String appId, Instant now) {
		AppTokens app = app(appId);
		synchronized (app) {
			app.classicFetches.incrementAndGet();
			if (app.previousClassic != null) {
				app.previousClassic.revokeAt(now);
			}
			if (app.classic != null) {
				app.classic.revokeAt(now.plus(OVERLAP));
			}
			app.previousClassic = app.classic;
			app.classic = issue(appId, now);
			return new Issued(app.classic.value, LIFETIME.toSeconds());
		}
	}

	/**
	 * The app a token belongs to.
	 * @throws WxApiError 41001 missing, 40014 unknown, 40001 invalidated or superseded,
	 * 42001 expired
	 */
	String check(@Nullable String value, Instant now) {
		if (value == null || value.isEmpty()) {
			throw new WxApiError(41001, "access_token missing");
		}
		Token token = this.byValue.get(value);
		if (token == null) {
			throw new WxApiError(40014, "invalid access_token");
		}
		Instant revokedAt = token.revokedAt;
		if (revokedAt != null && !now.isBefore(revokedAt)) {
			throw new WxApiError(40001, "invalid credential, access_token is invalid or not latest");
		}
		if (!now.isBefore(token.expiresAt)) {
			throw new WxApiError(42001, "access_token expired");
		}
		return token.appId;
	}

	/** Every token of the app dies now; the next stable_token call issues a new one. */
	void invalidate(String appId, Instant now) {
		AppTokens app = app(appId);
		synchronized (app) {
			this.byValue.values()
				.stream()
				.filter((token) -> token.appId.equals(appId))
				.forEach((token) -> token.revokeAt(now));
			app.stable = null;
			app.classic = null;
			app.previousClassic = null;
		}
	}

	long stableFetchCount(String appId) {
		AppTokens app = this.byApp.get(appId);
		return (app != null) ? app.stableFetches.get() : 0;
	}

	long classicFetchCount(String appId) {
		AppTokens app = this.byApp.get(appId);
		return (app != null) ? app.classicFetches.get() : 0;
	}

	void resetCounts() {
		this.byApp.values().forEach((app) -> {
			app.stableFetches.set(0);
			app.classicFetches.set(0);
		});
	}

	void clear() {
		this.byApp.clear();
		this.byValue.clear();
	}

	private AppTokens app(String appId) {
		return this.byApp.computeIfAbsent(appId, (id) -> new AppTokens());
	}

	private Token issue(String appId, Instant now) {
		while (true) {
			char[] chars = new char[LENGTH];
			for (int i = 0; i < chars.length; i++) {
				chars[i] = ALPHABET[this.random.nextInt(ALPHABET.length)];
			}
			Token token = new Token(new String(chars), appId, now.plus(LIFETIME));
			if (this.byValue.putIfAbsent(token.value, token) == null) {
				return token;
			}
		}
	}

	/** A token handed out, with its remaining lifetime in seconds. */
	record Issued(String accessToken, long expiresIn) {
	}

	private static final class Token {

		final String value;

		final String appId;

		final Instant expiresAt;

		volatile @Nullable Instant revokedAt;

		Token(String value, String appId, Instant expiresAt) {
			this.value = value;
			this.appId = appId;
			this.expiresAt = expiresAt;
		}

		boolean isValid(Instant now) {
			Instant revoked = this.revokedAt;
			return (revoked == null || now.isBefore(revoked)) && now.isBefore(this.expiresAt);
		}

		/** Dies at {@code when}, or earlier if it was already due to. */
		void revokeAt(Instant when) {
			Instant revoked = this.revokedAt;
			if (revoked == null || when.isBefore(revoked)) {
				this.revokedAt = when;
			}
		}

	}

	private static final class AppTokens {

		final AtomicLong stableFetches = new AtomicLong();

		final AtomicLong classicFetches = new AtomicLong();

		@Nullable Token stable;

		@Nullable Token classic;

		@Nullable Token previousClassic;

	}

}
