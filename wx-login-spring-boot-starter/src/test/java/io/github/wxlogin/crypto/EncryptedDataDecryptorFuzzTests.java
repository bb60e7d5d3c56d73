package io.github.wxlogin.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes {@link EncryptedDataDecryptor}: whatever the session key, ciphertext, IV or
 * plaintext, the answer is the decrypted object of the right app or the one
 * {@link InvalidEncryptedDataException}, always with the same message and no cause.
 * <p>
 * Input: the first byte picks the mode. Even: the rest is the plaintext, encrypted with a
 * fixed key and IV before decryption, so the fuzzer reaches the JSON and watermark
 * checks. Odd: the rest is {@code sessionKey\nencryptedData\niv} as given to
 * {@code decrypt}. Regression inputs:
 * {@code EncryptedDataDecryptorFuzzTestsInputs/decrypt/}.
 */
class EncryptedDataDecryptorFuzzTests {

	private static final String APP_ID = "wx4f4bc4dec97d474b";

	private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] IV = "fedcba9876543210".getBytes(StandardCharsets.US_ASCII);

	private static final String SESSION_KEY = Base64.getEncoder().encodeToString(KEY);

	private static final String IV_BASE64 = Base64.getEncoder().encodeToString(IV);

	private final EncryptedDataDecryptor decryptor = new EncryptedDataDecryptor(JsonMapper.builder().build());

	@FuzzTest(maxDuration = "30s")
	void decrypt(byte[] input) {
		if (input.length == 0) {
			return;
		}
		byte[] rest = Arrays.copyOfRange(input, 1, input.length);
		if ((input[0] & 1) == 0) {
			check(SESSION_KEY, encrypt(rest), IV_BASE64);
		}
		else {
			String[] parts = new String(rest, StandardCharsets.ISO_8859_1).split("\n", 3);
			if (parts.length == 3) {
				check(parts[0], parts[1], parts[2]);
			}
		}
	}

	private void check(String sessionKey, String encryptedData, String iv) {
		Map<String, Object> data;
		try {
			data = this.decryptor.decrypt(APP_ID, sessionKey, encryptedData, iv);
		}
		catch (InvalidEncryptedDataException ex) {
			// one answer for every failure: same message, no cause, nothing of the input
			assertThat(ex.getMessage()).isEqualTo(InvalidEncryptedDataException.MESSAGE);
			assertThat(ex.getCause()).isNull();
			assertThat(ex.getSuppressed()).isEmpty();
			return;
		}
		assertThat(EncryptedDataDecryptor.isWellFormed(encryptedData, iv)).isTrue();
		assertThat(data.get("watermark")).isInstanceOfSatisfying(Map.class,
				(watermark) -> assertThat(watermark.get("appid")).isEqualTo(APP_ID));
	}

	private static String encrypt(byte[] plaintext) {
		try {
			Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
			cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new IvParameterSpec(IV));
			return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
