package io.github.wxlogin.wechat;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The {@code phone_info} of getuserphonenumber.
 *
 * @param phoneNumber the number, with the country code outside mainland China
 * @param purePhoneNumber the number without country code
 * @param countryCode the country code, as a string whatever WeChat sent
 * @param watermarkAppId the app id of the watermark, to check against the caller's
 */
public record WxPhoneInfo(String phoneNumber, String purePhoneNumber, String countryCode,
		@Nullable String watermarkAppId) {

	public WxPhoneInfo {
		Objects.requireNonNull(phoneNumber, "phoneNumber");
		Objects.requireNonNull(purePhoneNumber, "purePhoneNumber");
		Objects.requireNonNull(countryCode, "countryCode");
	}

}
