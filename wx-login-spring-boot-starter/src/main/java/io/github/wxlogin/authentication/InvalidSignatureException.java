package io.github.wxlogin.authentication;

/**
 * The rawData signature does not match (401 invalid_signature).
 */
public class InvalidSignatureException extends WxLoginException {

	public InvalidSignatureException() {
		super(WxLoginError.INVALID_SIGNATURE);
	}

}
