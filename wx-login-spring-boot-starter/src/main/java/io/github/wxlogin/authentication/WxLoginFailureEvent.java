package io.github.wxlogin.authentication;

import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Published when a WeChat login fails, whatever the cause; {@link #getException()} is a
 * {@link WxLoginException} with the contract error. Successful logins publish Spring
 * Security's
 * {@link org.springframework.security.authentication.event.AuthenticationSuccessEvent}.
 */
public class WxLoginFailureEvent extends AbstractAuthenticationFailureEvent {

	public WxLoginFailureEvent(Authentication authentication, AuthenticationException exception) {
		super(authentication, exception);
	}

}
