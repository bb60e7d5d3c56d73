package io.github.wxlogin.authentication;

/**
 * A bearer or refresh token was refused (401 invalid_token).
 */
public class InvalidTokenException extends WxLoginException {

	public InvalidTokenException() {
		super(WxLoginError.INVALID_TOKEN);
	}

}
