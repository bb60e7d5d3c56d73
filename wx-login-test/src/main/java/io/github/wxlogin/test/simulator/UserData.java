package io.github.wxlogin.test.simulator;

/**
 * What {@code wx.getUserInfo} (or {@code wx.getUserProfile}) hands to the mini-program,
 * ready to be posted to the application server.
 *
 * @param rawData the profile as a JSON string, without {@code openId} and watermark; send
 * it byte for byte
 * @param signature lower-case hex {@code sha1(rawData + session_key)}
 * @param encryptedData Base64 AES-128-CBC ciphertext of the full payload (openId,
 * profile, unionId when bound, watermark), encrypted with the user's current session key
 * @param iv Base64 of the 16-byte initialisation vector
 */
public record UserData(String rawData, String signature, String encryptedData, String iv) {

	/**
	 * The encrypted part alone, e.g. for a request that carries only
	 * {@code encryptedData} and {@code iv}.
	 * @return {@code encryptedData} and {@code iv} of this user data
	 */
	public EncryptedData encrypted() {
		return new EncryptedData(this.encryptedData, this.iv);
	}

}
