package io.github.wxlogin.wechat;

import java.time.Duration;
import java.util.Objects;

/**
 * An app's access token for WeChat's server API.
 *
 * @param value the token (never logged)
 * @param expiresIn how long it stays valid from when it was answered
 */
public record WxAccessToken(String value, Duration expiresIn) {

	public WxAccessToken {
		Objects.requireNonNull(value, "value");
		Objects.requireNonNull(expiresIn, "expiresIn");
	}

	@Override
	public String toString() {
		return "WxAccessToken[value=******, expiresIn=" + this.expiresIn + "]";
	}

}
