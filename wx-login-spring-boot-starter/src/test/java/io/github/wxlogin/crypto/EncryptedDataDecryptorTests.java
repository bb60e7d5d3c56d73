package io.github.wxlogin.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import static io.github.wxlogin.crypto.WechatVectors.JSON;
import static io.github.wxlogin.crypto.WechatVectors.text;
import static io.github.wxlogin.crypto.WechatVectors.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EncryptedDataDecryptorTests {

	private static final String USER_INFO = "userInfoDecryption";

	private static final String PHONE = "legacyPhoneDecryption";

	private static final String APP_ID = text(USER_INFO, "appId");

	private static final String SESSION_KEY = text(USER_INFO, "sessionKey");

	private static final String IV = text(USER_INFO, "iv");

	private static final String ENCRYPTED_DATA = text(USER_INFO, "encryptedData");

	private final EncryptedDataDecryptor decryptor = new EncryptedDataDecryptor(JSON);

	@Test
	void decryptWhenOfficialUserInfoVectorThenExpectedObjectInOrder() {
		Map<String, Object> data = this.decryptor.decrypt(APP_ID, SESSION_KEY, ENCRYPTED_DATA, IV);
		Map<?, ?> expected = JSON.convertValue(vector(USER_INFO).get("expected"), Map.class);
		assertThat(data).isInstanceOf(LinkedHashMap.class).isEqualTo(expected);
		assertThat(data.keySet()).containsExactly("openId", "nickName", "gender", "language", "city", "province",
				"country", "avatarUrl", "unionId", "watermark");
		assertThat(data.get("gender")).isEqualTo(1);
	}

	@Test
	void plaintextWhenOfficialUserInfoVectorThenExactBytes() throws Exception {
		byte[] plaintext = EncryptedDataDecryptor.plaintext(SESSION_KEY, ENCRYPTED_DATA, IV);
		assertThat(plaintext).hasSize(393);
		byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(plaintext);
		assertThat(HexFormat.of().formatHex(sha256)).isEqualTo(text(USER_INFO, "plaintextSha256"))
			.startsWith("3237d8a5");
	}

	@Test
	void decryptWhenLegacyPhoneVectorThenPhoneObject() {
		Map<String, Object> data = this.decryptor.decrypt(text(PHONE, "appId"), text(PHONE, "sessionKey"),
				text(PHONE, "encryptedData"), text(PHONE, "iv"));
		Map<?, ?> expected = JSON.readValue(text(PHONE, "plaintext"), Map.class);
		assertThat(data).isEqualTo(expected).containsEntry("countryCode", "86");
		byte[] plaintext = EncryptedDataDecryptor.plaintext(text(PHONE, "sessionKey"), text(PHONE, "encryptedData"),
				text(PHONE, "iv"));
		assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo(text(PHONE, "plaintext"));
	}

	@Test
	void decryptWhenWatermarkForAnotherAppThenRejected() {
		assertRejected(() -> this.decryptor.decrypt("wx0000000000000000", SESSION_KEY, ENCRYPTED_DATA, IV));
	}

	@Test
	void decryptWhenLastCiphertextByteFlippedThenRejected() {
		assertRejected(() -> this.decryptor.decrypt(APP_ID, SESSION_KEY, flip(ENCRYPTED_DATA, -1), IV));
	}

	@Test
	void decryptWhenFirstCiphertextByteFlippedThenRejected() {
		// padding stays valid, the first block turns to garbage: not JSON any more
		String flipped = flip(ENCRYPTED_DATA, 0);
		assertThat(EncryptedDataDecryptor.plaintext(SESSION_KEY, flipped, IV)).hasSize(393);
		assertRejected(() -> this.decryptor.decrypt(APP_ID, SESSION_KEY, flipped, IV));
	}

	@Test
	void decryptWhenWrongSessionKeyThenRejected() {
		assertRejected(() -> this.decryptor.decrypt(APP_ID, "HyVFkGl5F5OQWJZZaNzBBg==", ENCRYPTED_DATA, IV));
	}

	@Test
	void decryptWhenSessionKeyNotSixteenBytesThenRejected() {
		String key24 = Base64.getEncoder().encodeToString(new byte[24]);
		assertRejected(() -> this.decryptor.decrypt(APP_ID, key24, ENCRYPTED_DATA, IV));
	}

	@Test
	void decryptWhenCiphertextTruncatedThenRejected() {
		byte[] ciphertext = Base64.getDecoder().decode(ENCRYPTED_DATA);
		String lastBlockCut = Base64.getEncoder().encodeToString(Arrays.copyOf(ciphertext, 384));
		String notWholeBlocks = Base64.getEncoder().encodeToString(Arrays.copyOf(ciphertext, 390));
		assertRejected(() -> this.decryptor.decrypt(APP_ID, SESSION_KEY, lastBlockCut, IV));
		assertRejected(() -> this.decryptor.decrypt(APP_ID, SESSION_KEY, notWholeBlocks, IV));
		assertRejected(() -> this.decryptor.decrypt(APP_ID, SESSION_KEY, "", IV));
	}

	@Test
	void decryptWhenIvOfTwelveBytesThenRejected() {
		String iv12 = Base64.getEncoder().encodeToString(Arrays.copyOf(Base64.getDecoder().decode(IV), 12));
		assertRejected(() -> this.decryptor.decrypt(APP_ID, SESSION_KEY, ENCRYPTED_DATA, iv12));
	}

	@Test
	void decryptWhenPlusArrivedAsSpaceThenRejected() {
		String mangled = ENCRYPTED_DATA.replace('+', ' ');
		assertThat(mangled).isNotEqualTo(ENCRYPTED_DATA);
		assertRejected(() -> this.decryptor.decrypt(APP_ID, SESSION_KEY, mangled, IV));
	}

	@Test
	void decryptWhenBase64HasLineBreaksThenRejected() {
		String mime = ENCRYPTED_DATA.substring(0, 76) + "\r\n" + ENCRYPTED_DATA.substring(76);
		assertRejected(() -> this.decryptor.decrypt(APP_ID, SESSION_KEY, mime, IV));
	}

	@Test
	void decryptWhenPlaintextNotJsonObjectThenRejected() {
		assertRejected(() -> this.decryptor.decrypt(APP_ID, SESSION_KEY, encrypt("[1,2,3]"), IV));
		assertRejected(() -> this.decryptor.decrypt(APP_ID, SESSION_KEY, encrypt("null"), IV));
		assertRejected(() -> this.decryptor.decrypt(APP_ID, SESSION_KEY, encrypt("\"text\""), IV));
	}

	@Test
	void decryptWhenWatermarkMissingOrMalformedThenRejected() {
		assertRejected(() -> this.decryptor.decrypt(APP_ID, SESSION_KEY, encrypt("{\"openId\":\"o1\"}"), IV));
		assertRejected(
				() -> this.decryptor.decrypt(APP_ID, SESSION_KEY, encrypt("{\"watermark\":\"" + APP_ID + "\"}"), IV));
		assertRejected(
				() -> this.decryptor.decrypt(APP_ID, SESSION_KEY, encrypt("{\"watermark\":{\"timestamp\":1}}"), IV));
	}

	@Test
	void decryptWhenTrailingContentOrDuplicateKeyThenRejected() {
		String ok = "{\"watermark\":{\"appid\":\"" + APP_ID + "\"}}";
		assertThat(this.decryptor.decrypt(APP_ID, SESSION_KEY, encrypt(ok), IV)).containsKey("watermark");
		assertRejected(() -> this.decryptor.decrypt(APP_ID, SESSION_KEY, encrypt(ok + "{}"), IV));
		assertRejected(() -> this.decryptor.decrypt(APP_ID, SESSION_KEY,
				encrypt("{\"watermark\":{\"appid\":\"wx0\"},\"watermark\":{\"appid\":\"" + APP_ID + "\"}}"), IV));
	}

	@Test
	void decryptWhenPlaintextNotUtf8ThenRejected() {
		byte[] latin1 = ("{\"nickName\":\"caf\u00e9\",\"watermark\":{\"appid\":\"" + APP_ID + "\"}}")
			.getBytes(StandardCharsets.ISO_8859_1);
		assertRejected(() -> this.decryptor.decrypt(APP_ID, SESSION_KEY, encrypt(latin1), IV));
	}

	@Test
	void isWellFormedWhenFormatChecksThenNoKeyNeeded() {
		assertThat(EncryptedDataDecryptor.isWellFormed(ENCRYPTED_DATA, IV)).isTrue();
		assertThat(EncryptedDataDecryptor.isWellFormed(flip(ENCRYPTED_DATA, -1), IV)).isTrue();
		assertThat(EncryptedDataDecryptor.isWellFormed(ENCRYPTED_DATA.replace('+', ' '), IV)).isFalse();
		assertThat(EncryptedDataDecryptor.isWellFormed(ENCRYPTED_DATA, "AAECAwQFBgcICQoL")).isFalse();
		assertThat(EncryptedDataDecryptor.isWellFormed("", IV)).isFalse();
		assertThat(EncryptedDataDecryptor.isWellFormed(null, IV)).isFalse();
		assertThat(EncryptedDataDecryptor.isWellFormed(ENCRYPTED_DATA, null)).isFalse();
	}

	private static void assertRejected(ThrowingCallable call) {
		assertThatExceptionOfType(InvalidEncryptedDataException.class).isThrownBy(call)
			.withMessage("encrypted data rejected")
			.withNoCause()
			.satisfies((ex) -> assertThat(ex.getSuppressed()).isEmpty());
	}

	private static String flip(String base64, int index) {
		byte[] bytes = Base64.getDecoder().decode(base64);
		int i = (index < 0) ? bytes.length + index : index;
		bytes[i] ^= 0x01;
		return Base64.getEncoder().encodeToString(bytes);
	}

	private static String encrypt(String plaintext) {
		return encrypt(plaintext.getBytes(StandardCharsets.UTF_8));
	}

	private static String encrypt(byte[] plaintext) {
		try {
			Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
			cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(SESSION_KEY), "AES"),
					new IvParameterSpec(Base64.getDecoder().decode(IV)));
			return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
