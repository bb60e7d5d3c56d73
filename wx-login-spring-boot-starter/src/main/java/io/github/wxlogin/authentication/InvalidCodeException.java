package io.github.wxlogin.authentication;

/**
 * The login code was refused or replayed (401 invalid_code).
 */
public class InvalidCodeException extends WxLoginException {

	public InvalidCodeException() {
		super(WxLoginError.INVALID_CODE);
	}

}
