package io.github.wxlogin.authentication;

import java.util.Objects;

/**
 * A phone number verified by WeChat.
 *
 * @param phoneNumber the number, with the country code for numbers outside mainland China
 * @param purePhoneNumber the number without country code
 * @param countryCode the country code, always as a string (e.g. {@code "86"})
 */
public record WxPhoneNumber(String phoneNumber, String purePhoneNumber, String countryCode) {

	public WxPhoneNumber {
		Objects.requireNonNull(phoneNumber, "phoneNumber");
		Objects.requireNonNull(purePhoneNumber, "purePhoneNumber");
		Objects.requireNonNull(countryCode, "countryCode");
	}

}
