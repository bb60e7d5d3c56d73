package io.github.wxlogin.authentication;

/**
 * The app id is unknown or missing (400 unknown_app).
 */
public class UnknownAppException extends WxLoginException {

	public UnknownAppException() {
		super(WxLoginError.UNKNOWN_APP);
	}

}
