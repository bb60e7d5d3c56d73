package io.github.wxlogin.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * Verifies the {@code signature} that a mini program sends next to {@code rawData}:
 * {@code hex(sha1(rawData + session_key))} over the UTF-8 bytes of the plain string
 * concatenation (see docs/wechat.md, "The rawData signature").
 * <p>
 * Stateless and thread-safe.
 */
public final class RawDataSignature {

	private static final int SHA1_LENGTH = 20;

	private RawDataSignature() {
	}

	/**
	 * Tell whether {@code signature} is the SHA-1 signature of {@code rawData} under
	 * {@code sessionKey}. The comparison runs in constant time; upper- and lower-case hex
	 * are both accepted.
	 * @param rawData the exact {@code rawData} string the client received (never
	 * re-serialised)
	 * @param sessionKey the Base64 session_key string from code2Session
	 * @param signature the 40-character hex signature sent by the client
	 * @return {@code true} only when the signature matches; {@code false} for any
	 * {@code null}, malformed or mismatching input, never an exception
	 */
	public static boolean matches(@Nullable String rawData, @Nullable String sessionKey, @Nullable String signature) {
		if (rawData == null || sessionKey == null || signature == null || signature.length() != SHA1_LENGTH * 2) {
			return false;
		}
		byte[] presented;
		try {
			presented = HexFormat.of().parseHex(signature);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		byte[] expected = sha1().digest((rawData + sessionKey).getBytes(StandardCharsets.UTF_8));
		return MessageDigest.isEqual(expected, presented);
	}

	private static MessageDigest sha1() {
		try {
			return MessageDigest.getInstance("SHA-1");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is required of every Java platform", ex);
		}
	}

}
