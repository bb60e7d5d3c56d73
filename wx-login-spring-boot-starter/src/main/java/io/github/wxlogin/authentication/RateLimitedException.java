package io.github.wxlogin.authentication;

import java.time.Duration;

/**
 * WeChat's rate limit was hit (429 rate_limited, with Retry-After).
 */
public class RateLimitedException extends WxLoginException {

	public RateLimitedException(Duration retryAfter) {
		super(WxLoginError.RATE_LIMITED, retryAfter);
	}

}
