package io.github.wxlogin.test.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeChat's side of the open-data crypto (see docs/wechat.md, sections 3, 4 and 7),
 * written independently of the starter. Stateless and thread-safe.
 */
final class OpenDataCrypto {

	private static final HexFormat HEX = HexFormat.of();

	private OpenDataCrypto() {
	}

	/**
	 * AES-128-CBC with PKCS#7 padding, key = Base64-decoded session key.
	 * @param sessionKey the Base64 session key (16 bytes once decoded)
	 * @param iv the IV (16 bytes)
	 * @param plaintext the UTF-8 JSON payload
	 * @return the ciphertext, in Base64
	 */
	static String encrypt(String sessionKey, byte[] iv, String plaintext) {
		try {
			Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
			cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(sessionKey), "AES"),
					new IvParameterSpec(iv));
			return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-128-CBC is required of every Java platform", ex);
		}
	}

	/**
	 * The user-data signature: lower-case hex {@code sha1(rawData + sessionKey)}, UTF-8.
	 * @param rawData the raw data string
	 * @param sessionKey the Base64 session key string
	 * @return 40 hex characters
	 */
	static String rawDataSignature(String rawData, String sessionKey) {
		try {
			MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
			return HEX.formatHex(sha1.digest((rawData + sessionKey).getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-1 is required of every Java platform", ex);
		}
	}

	/**
	 * The checksession signature: lower-case hex HMAC-SHA256 of {@code message} keyed
	 * with the UTF-8 bytes of the Base64 session key <em>string</em> (not its decoded
	 * bytes).
	 * @param sessionKey the Base64 session key string
	 * @param message the signed message, {@code ""} for checksession
	 * @return 64 hex characters
	 */
	static String sessionKeySignature(String sessionKey, String message) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(sessionKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HEX.formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is required of every Java platform", ex);
		}
	}

	/**
	 * Compares two strings in time independent of where they differ.
	 * @param expected the expected value
	 * @param actual the presented value
	 * @return whether both are equal
	 */
	static boolean matches(String expected, String actual) {
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
				actual.getBytes(StandardCharsets.UTF_8));
	}

}
