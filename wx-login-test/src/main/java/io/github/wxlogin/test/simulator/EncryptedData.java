package io.github.wxlogin.test.simulator;

/**
 * An encrypted open-data payload as the mini-program receives it, e.g. from the legacy
 * {@code <button open-type="getPhoneNumber">} callback.
 *
 * @param encryptedData Base64 AES-128-CBC/PKCS#7 ciphertext, key = Base64-decoded session
 * key
 * @param iv Base64 of the 16-byte initialisation vector
 */
public record EncryptedData(String encryptedData, String iv) {
}
