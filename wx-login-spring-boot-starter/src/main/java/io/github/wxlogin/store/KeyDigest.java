package io.github.wxlogin.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * SHA-256 digests used as store keys, so that a store never holds a code or a refresh
 * token itself.
 */
public final class KeyDigest {

	private KeyDigest() {
	}

	/**
	 * @return the unpadded Base64url SHA-256 of the UTF-8 value
	 */
	public static String sha256(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
