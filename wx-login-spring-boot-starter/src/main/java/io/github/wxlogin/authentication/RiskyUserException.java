package io.github.wxlogin.authentication;

/**
 * WeChat's risk control blocked the user (403 risky_user).
 */
public class RiskyUserException extends WxLoginException {

	public RiskyUserException() {
		super(WxLoginError.RISKY_USER);
	}

}
