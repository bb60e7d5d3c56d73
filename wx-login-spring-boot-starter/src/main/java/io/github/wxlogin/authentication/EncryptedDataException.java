package io.github.wxlogin.authentication;

/**
 * Encrypted data was refused, for whatever reason (401 invalid_encrypted_data).
 */
public class EncryptedDataException extends WxLoginException {

	public EncryptedDataException() {
		super(WxLoginError.INVALID_ENCRYPTED_DATA);
	}

}
