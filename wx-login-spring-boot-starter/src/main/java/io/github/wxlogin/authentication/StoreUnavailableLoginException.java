package io.github.wxlogin.authentication;

import java.time.Duration;

/**
 * The shared store could not be reached (503 store_unavailable, with Retry-After).
 */
public class StoreUnavailableLoginException extends WxLoginException {

	public StoreUnavailableLoginException(Duration retryAfter) {
		super(WxLoginError.STORE_UNAVAILABLE, retryAfter);
	}

}
