package io.github.wxlogin.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC-SHA256 signature WeChat uses to prove possession of a session_key, for
 * {@code /wxa/checksession}, {@code /wxa/resetusersessionkey} and the login-state
 * signature (wechat-api.md §7).
 * <p>
 * The HMAC key is the UTF-8 bytes of the Base64 session_key <em>string</em>, not the
 * 16 bytes it decodes to. Stateless and thread-safe.
 */
public final class SessionKeySignature {

	private static final String ALGORITHM = "HmacSHA256";

	private SessionKeySignature() {
	}

	/**
	 * Compute {@code hex_lower(HMAC_SHA256(key = sessionKey, message))}.
	 * @param sessionKey the Base64 session_key string, used verbatim as the key
	 * @param message the message, UTF-8 encoded; {@code ""} for checksession
	 * @return 64 lower-case hex characters
	 * @throws IllegalArgumentException if {@code sessionKey} is empty
	 */
	public static String hmacSha256(String sessionKey, String message) {
		Objects.requireNonNull(sessionKey, "sessionKey");
		Objects.requireNonNull(message, "message");
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(new SecretKeySpec(sessionKey.getBytes(StandardCharsets.UTF_8), ALGORITHM));
			return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is required of every Java platform", ex);
		}
	}

}
