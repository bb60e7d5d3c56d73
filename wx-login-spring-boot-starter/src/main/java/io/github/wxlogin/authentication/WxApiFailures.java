package io.github.wxlogin.authentication;

import java.time.Duration;

import io.github.wxlogin.wechat.WxApp;

/**
 * Translates what the WeChat client threw into the contract's error: the code the client
 * gets, and how long it should wait. The starter's ({@link #standard()}) maps WeChat's
 * errcodes as the README's error table says; an application's bean replaces it (to map an
 * errcode differently, or to alert on a misconfiguration), typically delegating to it.
 * <p>
 * Thread-safe.
 */
@FunctionalInterface
public interface WxApiFailures {

	/** Retry-After for a WeChat rate limit: its quota is per minute. */
	Duration RATE_LIMIT_RETRY_AFTER = Duration.ofSeconds(60);

	/** Retry-After when WeChat is unavailable. */
	Duration UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(5);

	/**
	 * @param app the app the call was made for
	 * @param failure what the WeChat client threw
	 * @return the exception to answer with
	 */
	WxLoginException translate(WxApp app, RuntimeException failure);

	/**
	 * @return the starter's translation: 40029, 40163 and 41008 are {@code invalid_code},
	 * 40226 {@code risky_user}, 45011 {@code rate_limited}, everything else
	 * {@code wechat_unavailable} (our own credentials refused are logged once per app as
	 * a misconfiguration)
	 */
	static WxApiFailures standard() {
		return new DefaultWxApiFailures();
	}

}
