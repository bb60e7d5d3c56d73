package io.github.wxlogin.web;

import java.io.IOException;
import java.util.Objects;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A {@code POST} endpoint for a logged-in user, served by a filter placed after the
 * bearer token filter: without our bearer token the answer is the entry point's
 * {@code 401}; with one, the subclass handles the request and the chain ends here.
 */
abstract class BearerEndpointFilter extends OncePerRequestFilter {

	private final RequestMatcher matcher;

	private final AuthenticationEntryPoint entryPoint;

	private final SecurityContextHolderStrategy securityContext;

	BearerEndpointFilter(String path, AuthenticationEntryPoint entryPoint,
			SecurityContextHolderStrategy securityContext) {
		this.matcher = PathPatternRequestMatcher.pathPattern(HttpMethod.POST, path);
		this.entryPoint = Objects.requireNonNull(entryPoint, "entryPoint");
		this.securityContext = Objects.requireNonNull(securityContext, "securityContext");
	}

	@Override
	protected final void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.matcher.matches(request)) {
			chain.doFilter(request, response);
			return;
		}
		Authentication authentication = this.securityContext.getContext().getAuthentication();
		if (!(authentication instanceof JwtAuthenticationToken bearer)) {
			this.entryPoint.commence(request, response,
					new InsufficientAuthenticationException("A bearer token is required"));
			return;
		}
		handle(request, response, bearer);
	}

	/**
	 * Answer the request of an authenticated bearer.
	 */
	abstract void handle(HttpServletRequest request, HttpServletResponse response, JwtAuthenticationToken bearer)
			throws ServletException, IOException;

	final AuthenticationEntryPoint entryPoint() {
		return this.entryPoint;
	}

	final SecurityContextHolderStrategy securityContext() {
		return this.securityContext;
	}

}
