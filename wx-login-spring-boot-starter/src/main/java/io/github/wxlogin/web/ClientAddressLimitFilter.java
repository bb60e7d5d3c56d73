package io.github.wxlogin.web;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import io.github.wxlogin.authentication.WxLoginException;

/**
 * Refuses a request to a login endpoint from a client address that has used up its failed
 * attempts, before anything else is done (no WeChat call), with the contract's
 * {@code 429 rate_limited} and {@code Retry-After}. The address is
 * {@link HttpServletRequest#getRemoteAddr()}: behind a proxy, let the container take it
 * from the forwarded headers ({@code server.forward-headers-strategy}).
 */
final class ClientAddressLimitFilter extends OncePerRequestFilter {

	private final RequestMatcher matcher;

	private final Consumer<String> check;

	private final ProblemResponseWriter problems;

	/**
	 * @param matcher the endpoint's requests
	 * @param check throws a {@link WxLoginException} when the address is refused
	 * @param problems writes the refusal
	 */
	ClientAddressLimitFilter(RequestMatcher matcher, Consumer<String> check, ProblemResponseWriter problems) {
		this.matcher = Objects.requireNonNull(matcher, "matcher");
		this.check = Objects.requireNonNull(check, "check");
		this.problems = Objects.requireNonNull(problems, "problems");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.matcher.matches(request)) {
			try {
				this.check.accept(request.getRemoteAddr());
			}
			catch (WxLoginException ex) {
				this.problems.write(request, response, ex);
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
