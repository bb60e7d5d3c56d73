package io.github.wxlogin.authentication;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.AuthenticationException;

/**
 * A login, refresh or WeChat-data failure with its contract {@link WxLoginError error
 * code}. The message is the error's fixed description: it never holds a secret, a session
 * key, or which step of a decryption failed. One class for every code, as Spring's
 * {@code OAuth2AuthenticationException} carries its {@code OAuth2Error}.
 */
public class WxLoginException extends AuthenticationException {

	private final WxLoginError error;

	private final @Nullable Duration retryAfter;

	/**
	 * How long a client is asked to wait when the store cannot be reached.
	 */
	public static final Duration STORE_RETRY_AFTER = Duration.ofSeconds(5);

	private static final long serialVersionUID = 1L;

	public WxLoginException(WxLoginError error) {
		this(error, null);
	}

	public WxLoginException(WxLoginError error, @Nullable Duration retryAfter) {
		super(error.description());
		this.error = Objects.requireNonNull(error, "error");
		this.retryAfter = retryAfter;
	}

	/**
	 * @return a {@code 503 store_unavailable}, retry after {@link #STORE_RETRY_AFTER}
	 */
	public static WxLoginException storeUnavailable() {
		return new WxLoginException(WxLoginError.STORE_UNAVAILABLE, STORE_RETRY_AFTER);
	}

	/**
	 * @return the contract error
	 */
	public WxLoginError getError() {
		return this.error;
	}

	/**
	 * @return how long the client should wait before retrying, for 429 and 503
	 */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

}
