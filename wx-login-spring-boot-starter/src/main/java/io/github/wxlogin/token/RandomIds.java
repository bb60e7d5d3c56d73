package io.github.wxlogin.token;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random identifiers for {@code jti} and {@code sid}: 128 bits from a
 * {@link SecureRandom}, Base64url without padding (22 characters, shorter than a UUID's
 * 36, which every bearer request carries).
 */
final class RandomIds {

	private static final SecureRandom random = new SecureRandom();

	private RandomIds() {
	}

	static String next() {
		byte[] bytes = new byte[16];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
