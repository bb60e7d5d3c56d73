package io.github.wxlogin.web;

import java.io.IOException;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import io.github.wxlogin.authentication.WxLoginError;
import io.github.wxlogin.authentication.WxLoginException;

/**
 * Answers a failed login or refresh with the contract's problem: a
 * {@link WxLoginException} with its own error, anything else (an application's
 * {@code WxUserService} refusing with a plain Spring Security exception) as
 * {@code 401 invalid_token} for a refresh and {@code 403 access_denied} for a login.
 */
public final class ProblemAuthenticationFailureHandler implements AuthenticationFailureHandler {

	private static final Log logger = LogFactory.getLog(ProblemAuthenticationFailureHandler.class);

	private final ProblemResponseWriter writer;

	private final WxLoginError fallback;

	/**
	 * @param writer writes the problem
	 * @param fallback the error for exceptions that carry none
	 */
	public ProblemAuthenticationFailureHandler(ProblemResponseWriter writer, WxLoginError fallback) {
		this.writer = Objects.requireNonNull(writer, "writer");
		this.fallback = Objects.requireNonNull(fallback, "fallback");
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (exception instanceof WxLoginException failure) {
			if (logger.isDebugEnabled()) {
				logger.debug("WeChat login request failed: " + failure.getError().code());
			}
			this.writer.write(request, response, failure);
			return;
		}
		logger.debug("WeChat login request refused by the application");
		this.writer.write(request, response, this.fallback, null);
	}

}
