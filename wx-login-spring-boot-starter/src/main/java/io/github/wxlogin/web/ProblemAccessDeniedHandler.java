package io.github.wxlogin.web;

import java.io.IOException;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandler;

import io.github.wxlogin.authentication.WxLoginError;

/**
 * Answers an authenticated request that is not allowed: {@code 403} with the RFC 6750
 * header of Spring's {@link BearerTokenAccessDeniedHandler} and a problem body with
 * {@code error: access_denied}.
 */
final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

	private final BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();

	private final ProblemResponseWriter writer;

	ProblemAccessDeniedHandler(ProblemResponseWriter writer) {
		this.writer = Objects.requireNonNull(writer, "writer");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		this.bearer.handle(request, response, accessDeniedException);
		this.writer.write(request, response, WxLoginError.ACCESS_DENIED, null);
	}

}
