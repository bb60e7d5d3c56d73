package io.github.wxlogin.web;

import java.io.IOException;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

import io.github.wxlogin.authentication.WxLoginError;
import io.github.wxlogin.authentication.WxLoginException;

/**
 * Answers a request without a good bearer token: {@code 401} with the RFC 6750
 * {@code WWW-Authenticate} header of Spring's {@link BearerTokenAuthenticationEntryPoint}
 * ({@code error="invalid_token"} when a token was sent) and a problem body with
 * {@code error: invalid_token}. A store failure while checking revocation is
 * {@code 503 store_unavailable}.
 */
public final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

	private final ProblemResponseWriter writer;

	public ProblemAuthenticationEntryPoint(ProblemResponseWriter writer) {
		this.writer = Objects.requireNonNull(writer, "writer");
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		if (exception instanceof WxLoginException failure && failure.getError() != WxLoginError.INVALID_TOKEN) {
			this.writer.write(request, response, failure);
			return;
		}
		this.bearer.commence(request, response, exception);
		this.writer.write(request, response, WxLoginError.INVALID_TOKEN, null);
	}

}
