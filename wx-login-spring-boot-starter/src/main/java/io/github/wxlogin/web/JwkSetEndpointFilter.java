package io.github.wxlogin.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.nimbusds.jose.jwk.JWKSet;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves the public JWK set (public members only, each with its {@code kid}) at
 * {@code GET jwks-path}, so that other services can verify the access tokens.
 */
final class JwkSetEndpointFilter extends OncePerRequestFilter {

	private final RequestMatcher matcher;

	private final byte[] body;

	/**
	 * @param path the endpoint's path
	 * @param publicKeys the public keys; private members are dropped here again
	 */
	JwkSetEndpointFilter(String path, JWKSet publicKeys) {
		this.matcher = PathPatternRequestMatcher.pathPattern(HttpMethod.GET, path);
		this.body = publicKeys.toPublicJWKSet().toString(true).getBytes(StandardCharsets.UTF_8);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		// runs on every request: a cheap method check before the path match
		if (!HttpMethod.GET.matches(request.getMethod()) || !this.matcher.matches(request)) {
			chain.doFilter(request, response);
			return;
		}
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=300");
		response.setContentLength(this.body.length);
		response.getOutputStream().write(this.body);
	}

}
