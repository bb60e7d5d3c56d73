package io.github.wxlogin.test.simulator;

import java.util.Objects;

/**
 * A user's phone number in the three forms WeChat reports it.
 *
 * @param phoneNumber the number as WeChat shows it, with the country code for numbers
 * outside mainland China
 * @param purePhoneNumber the number without country code
 * @param countryCode the country calling code without {@code +}, e.g. {@code "86"}
 */
public record PhoneNumber(String phoneNumber, String purePhoneNumber, String countryCode) {

	/**
	 * Checks that no part is blank.
	 * @param phoneNumber the number as WeChat shows it
	 * @param purePhoneNumber the number without country code
	 * @param countryCode the country calling code without {@code +}
	 */
	public PhoneNumber {
		requireText(phoneNumber, "phoneNumber");
		requireText(purePhoneNumber, "purePhoneNumber");
		requireText(countryCode, "countryCode");
	}

	/**
	 * A mainland China number: {@code phoneNumber} and {@code purePhoneNumber} are both
	 * the given number, the country code is {@code "86"}.
	 * @param number the number without country code, e.g. {@code "13580006666"}
	 * @return the phone number
	 */
	public static PhoneNumber mainland(String number) {
		return new PhoneNumber(number, number, "86");
	}

	private static void requireText(String value, String name) {
		Objects.requireNonNull(value, name);
		if (value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
	}

}
