package io.github.wxlogin.wechat;

import org.springframework.util.Assert;

/**
 * A mini program as WeChat knows it: its AppID and AppSecret.
 * <p>
 * {@link #toString()} never shows the secret.
 *
 * @param appId the AppID ({@code wx...}), sent to WeChat as {@code appid}
 * @param appSecret the AppSecret, sent to WeChat as {@code secret}; it must stay
 * server-side and out of logs
 */
public record WxApp(String appId, String appSecret) {

	/**
	 * Create the value.
	 * @throws IllegalArgumentException if either value is blank
	 */
	public WxApp {
		Assert.hasText(appId, "appId must not be blank");
		Assert.hasText(appSecret, "appSecret must not be blank");
	}

	@Override
	public String toString() {
		return "WxApp[appId=" + this.appId + ", appSecret=******]";
	}

}
