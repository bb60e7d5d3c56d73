package io.github.wxlogin.web;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import io.github.wxlogin.authentication.WxLoginError;
import io.github.wxlogin.authentication.WxLoginException;

/**
 * Counts a failure of one kind against the client address
 * ({@link HttpServletRequest#getRemoteAddr()}), then lets the delegate answer.
 */
public final class FailureCountingHandler implements AuthenticationFailureHandler {

	private final AuthenticationFailureHandler delegate;

	private final WxLoginError counted;

	private final Consumer<String> count;

	/**
	 * @param delegate answers the failure
	 * @param counted the error to count (such as {@code invalid_code})
	 * @param count counts one for an address
	 */
	public FailureCountingHandler(AuthenticationFailureHandler delegate, WxLoginError counted, Consumer<String> count) {
		this.delegate = Objects.requireNonNull(delegate, "delegate");
		this.counted = Objects.requireNonNull(counted, "counted");
		this.count = Objects.requireNonNull(count, "count");
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		if (exception instanceof WxLoginException failure && failure.getError() == this.counted) {
			this.count.accept(request.getRemoteAddr());
		}
		this.delegate.onAuthenticationFailure(request, response, exception);
	}

}
