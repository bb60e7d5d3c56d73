package io.github.wxlogin.authentication;

/**
 * The request is malformed (400 invalid_request).
 */
public class InvalidRequestException extends WxLoginException {

	public InvalidRequestException() {
		super(WxLoginError.INVALID_REQUEST);
	}

}
