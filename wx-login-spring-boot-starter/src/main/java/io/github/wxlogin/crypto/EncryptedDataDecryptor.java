package io.github.wxlogin.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decrypts the {@code encryptedData} of a mini program (legacy user info, legacy phone
 * number) with the user's session_key, as WeChat's {@code WXBizDataCrypt} does (see
 * docs/wechat.md, "Decrypting encryptedData"): AES-128-CBC with PKCS#7 padding, key, IV
 * and ciphertext in standard Base64, plaintext a UTF-8 JSON object whose
 * {@code watermark.appid} must be the app's own id.
 * <p>
 * Every failure ends in the same {@link InvalidEncryptedDataException}, whichever step
 * failed, so callers cannot become a padding oracle. Thread-safe: a new {@link Cipher} is
 * made for each call and the {@link JsonMapper} is only read from.
 */
public final class EncryptedDataDecryptor {

	private static final int AES_BLOCK = 16;

	private static final String TRANSFORMATION = "AES/CBC/PKCS5Padding";

	private final ObjectReader reader;

	/**
	 * Create a decryptor that parses plaintexts with the given mapper.
	 * @param jsonMapper the mapper for the decrypted JSON; duplicate keys and trailing
	 * content are rejected whatever its own settings
	 */
	public EncryptedDataDecryptor(JsonMapper jsonMapper) {
		Objects.requireNonNull(jsonMapper, "jsonMapper");
		this.reader = jsonMapper.readerFor(Map.class)
			.with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
	}

	/**
	 * Decrypt {@code encryptedData} and check its watermark.
	 * @param appId the app the data must be meant for ({@code watermark.appid})
	 * @param sessionKey the user's Base64 session_key from code2Session (16 bytes)
	 * @param encryptedData the Base64 ciphertext sent by the client
	 * @param iv the Base64 IV sent by the client (16 bytes)
	 * @return the decrypted JSON object, including {@code watermark}, members in their
	 * original order; values as Jackson reads untyped JSON (nested objects as maps, whole
	 * numbers as {@link Integer} or {@link Long})
	 * @throws InvalidEncryptedDataException on any failure: bad Base64 (strict, no MIME
	 * leniency, so a {@code '+'} turned into a space fails), key or IV not 16 bytes,
	 * ciphertext empty or not whole blocks, bad padding, plaintext not UTF-8 or not a
	 * JSON object, watermark missing or for another app
	 */
	public Map<String, Object> decrypt(String appId, String sessionKey, String encryptedData, String iv) {
		Objects.requireNonNull(appId, "appId");
		byte[] plaintext = plaintext(sessionKey, encryptedData, iv);
		Map<String, Object> data = parse(plaintext);
		if (!(data.get("watermark") instanceof Map<?, ?> watermark) || !appId.equals(watermark.get("appid"))) {
			throw new InvalidEncryptedDataException();
		}
		return data;
	}

	/**
	 * Tell whether {@code encryptedData} and {@code iv} are well-formed: strict Base64, a
	 * 16-byte IV and a non-empty ciphertext of whole AES blocks. This check does not
	 * involve any key, so answering it differently from a decryption failure reveals
	 * nothing; {@link #decrypt} performs it again.
	 * @param encryptedData the Base64 ciphertext, may be {@code null}
	 * @param iv the Base64 IV, may be {@code null}
	 * @return {@code true} if {@link #decrypt} would get past the format checks
	 */
	public static boolean isWellFormed(@Nullable String encryptedData, @Nullable String iv) {
		byte[] ciphertext = decodeBase64(encryptedData);
		byte[] ivBytes = decodeBase64(iv);
		return ciphertext != null && ivBytes != null && ivBytes.length == AES_BLOCK && ciphertext.length > 0
				&& ciphertext.length % AES_BLOCK == 0;
	}

	/**
	 * Decrypt without parsing; visible for the test that checks the exact plaintext bytes
	 * of the official vector.
	 */
	static byte[] plaintext(String sessionKey, String encryptedData, String iv) {
		Objects.requireNonNull(sessionKey, "sessionKey");
		Objects.requireNonNull(encryptedData, "encryptedData");
		Objects.requireNonNull(iv, "iv");
		byte[] key = decodeBase64(sessionKey);
		if (key == null || key.length != AES_BLOCK || !isWellFormed(encryptedData, iv)) {
			throw new InvalidEncryptedDataException();
		}
		try {
			Cipher cipher = Cipher.getInstance(TRANSFORMATION);
			cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
					new IvParameterSpec(Base64.getDecoder().decode(iv)));
			return cipher.doFinal(Base64.getDecoder().decode(encryptedData));
		}
		catch (GeneralSecurityException ex) {
			// bad padding above all; the cause must not leave this method
			throw new InvalidEncryptedDataException();
		}
	}

	private Map<String, Object> parse(byte[] plaintext) {
		try {
			String json = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(plaintext))
				.toString();
			Map<String, Object> data = this.reader.readValue(json);
			if (data == null) {
				throw new InvalidEncryptedDataException();
			}
			return data;
		}
		catch (CharacterCodingException | JacksonException ex) {
			throw new InvalidEncryptedDataException();
		}
	}

	private static byte @Nullable [] decodeBase64(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			return Base64.getDecoder().decode(value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
