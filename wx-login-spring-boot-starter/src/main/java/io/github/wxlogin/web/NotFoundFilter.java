package io.github.wxlogin.web;

import java.io.IOException;
import java.util.Objects;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers every request for one path with the {@code 404 not_found} problem, so that an
 * endpoint a Spring Security configurer adds on its own is not served. Used for the OAuth
 * 2.0 protected-resource metadata ({@code /.well-known/oauth-protected-resource}), which
 * Spring Security 7's resource server serves with the request's {@code Host} as the
 * resource and a claim of certificate-bound tokens: neither true here.
 */
final class NotFoundFilter extends OncePerRequestFilter {

	/** Where Spring Security serves the protected-resource metadata. */
	public static final String PROTECTED_RESOURCE_METADATA_PATH = "/.well-known/oauth-protected-resource";

	private final RequestMatcher matcher;

	private final ProblemResponseWriter problems;

	NotFoundFilter(String pathPattern, ProblemResponseWriter problems) {
		this.matcher = PathPatternRequestMatcher.pathPattern(Objects.requireNonNull(pathPattern, "pathPattern"));
		this.problems = Objects.requireNonNull(problems, "problems");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.matcher.matches(request)) {
			this.problems.write(request, response, HttpServletResponse.SC_NOT_FOUND);
			return;
		}
		chain.doFilter(request, response);
	}

}
