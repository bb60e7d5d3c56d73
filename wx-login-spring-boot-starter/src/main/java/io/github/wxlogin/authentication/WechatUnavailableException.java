package io.github.wxlogin.authentication;

import java.time.Duration;

/**
 * WeChat could not be used (503 wechat_unavailable, with Retry-After).
 */
public class WechatUnavailableException extends WxLoginException {

	public WechatUnavailableException(Duration retryAfter) {
		super(WxLoginError.WECHAT_UNAVAILABLE, retryAfter);
	}

}
