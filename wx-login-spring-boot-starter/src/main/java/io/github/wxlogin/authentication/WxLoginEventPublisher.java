package io.github.wxlogin.authentication;

import java.util.Objects;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Publishes login outcomes as application events: {@link AuthenticationSuccessEvent} on
 * success, {@link WxLoginFailureEvent} on any failure.
 */
public final class WxLoginEventPublisher implements AuthenticationEventPublisher {

	private final ApplicationEventPublisher publisher;

	public WxLoginEventPublisher(ApplicationEventPublisher publisher) {
		this.publisher = Objects.requireNonNull(publisher, "publisher");
	}

	@Override
	public void publishAuthenticationSuccess(Authentication authentication) {
		this.publisher.publishEvent(new AuthenticationSuccessEvent(authentication));
	}

	@Override
	public void publishAuthenticationFailure(AuthenticationException exception, Authentication authentication) {
		this.publisher.publishEvent(new WxLoginFailureEvent(authentication, exception));
	}

}
