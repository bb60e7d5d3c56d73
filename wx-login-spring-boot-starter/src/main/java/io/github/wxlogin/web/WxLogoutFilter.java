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

import io.github.wxlogin.authentication.StoreUnavailableLoginException;
import io.github.wxlogin.authentication.WxApiFailures;
import io.github.wxlogin.store.StoreUnavailableException;
import io.github.wxlogin.token.AccessTokenRevocation;

/**
 * Logs a bearer out at {@code POST logout-path}: revokes the presented access token until
 * its expiry and its whole login (refresh family), on every instance that shares the store,
 * and answers {@code 204}. Other logins of the same user keep working. Without a good bearer
 * token the answer is the entry point's {@code 401}. Placed after the bearer token filter.
 */
public final class WxLogoutFilter extends OncePerRequestFilter {

	private final RequestMatcher matcher;

	private final AccessTokenRevocation revocation;

	private final AuthenticationEntryPoint entryPoint;

	private final SecurityContextHolderStrategy securityContext;

	public WxLogoutFilter(String path, AccessTokenRevocation revocation, AuthenticationEntryPoint entryPoint,
			SecurityContextHolderStrategy securityContext) {
		this.matcher = PathPatternRequestMatcher.pathPattern(HttpMethod.POST, path);
		this.revocation = Objects.requireNonNull(revocation, "revocation");
		this.entryPoint = Objects.requireNonNull(entryPoint, "entryPoint");
		this.securityContext = Objects.requireNonNull(securityContext, "securityContext");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!this.matcher.matches(request)) {
			chain.doFilter(request, response);
			return;
		}
		Authentication authentication = this.securityContext.getContext().getAuthentication();
		if (!(authentication instanceof JwtAuthenticationToken bearer)) {
			this.entryPoint.commence(request, response,
					new InsufficientAuthenticationException("A bearer token is required to log out"));
			return;
		}
		try {
			this.revocation.revoke(bearer.getToken());
		}
		catch (StoreUnavailableException ex) {
			this.entryPoint.commence(request, response,
					new StoreUnavailableLoginException(WxApiFailures.UNAVAILABLE_RETRY_AFTER));
			return;
		}
		this.securityContext.clearContext();
		response.setStatus(HttpServletResponse.SC_NO_CONTENT);
	}

}
