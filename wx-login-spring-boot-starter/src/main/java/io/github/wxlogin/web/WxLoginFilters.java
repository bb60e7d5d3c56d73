package io.github.wxlogin.web;

import java.util.function.Consumer;

import com.nimbusds.jose.jwk.JWKSet;
import jakarta.servlet.Filter;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

import io.github.wxlogin.authentication.WxLoginError;
import io.github.wxlogin.authentication.WxOpenDataService;
import io.github.wxlogin.metrics.WxLoginMetrics;
import io.github.wxlogin.token.AccessTokenRevocation;

/**
 * The web pieces {@link io.github.wxlogin.config.WxLoginConfigurer} puts in a chain. The
 * classes behind them are this package's own; an application configures them through the
 * configurer's DSL, not by building them.
 */
public final class WxLoginFilters {

	/**
	 * Spring Security's protected-resource metadata path, which the starter answers with
	 * {@code 404}.
	 */
	public static final String PROTECTED_RESOURCE_METADATA_PATH = NotFoundFilter.PROTECTED_RESOURCE_METADATA_PATH;

	private WxLoginFilters() {
	}

	/**
	 * Reads a login request body ({@code code}, {@code appId}, user data) into a
	 * {@code WxLoginAuthenticationToken}; a malformed body is
	 * {@code 400 invalid_request}.
	 */
	public static AuthenticationConverter loginConverter(JsonMapper jsonMapper) {
		return new WxLoginAuthenticationConverter(jsonMapper);
	}

	/**
	 * Reads a refresh request body ({@code refresh_token}, {@code appId}) into a
	 * {@code RefreshTokenAuthenticationToken}.
	 */
	public static AuthenticationConverter refreshConverter(JsonMapper jsonMapper) {
		return new WxRefreshAuthenticationConverter(jsonMapper);
	}

	/**
	 * Refuses a matching request with {@code 429 rate_limited} when the client address
	 * has failed too often ({@code check} throws).
	 */
	public static Filter clientAddressLimit(RequestMatcher matcher, Consumer<String> check,
			ProblemResponseWriter problems) {
		return new ClientAddressLimitFilter(matcher, check, problems);
	}

	/**
	 * Counts one failure with the given error against the client address, then lets the
	 * delegate answer.
	 */
	public static AuthenticationFailureHandler countingFailures(AuthenticationFailureHandler delegate,
			WxLoginError counted, Consumer<String> count) {
		return new FailureCountingHandler(delegate, counted, count);
	}

	/**
	 * {@code POST path} with a bearer: revokes the login.
	 */
	public static Filter logout(String path, AccessTokenRevocation revocation, AuthenticationEntryPoint entryPoint,
			SecurityContextHolderStrategy securityContext, WxLoginMetrics metrics) {
		return new WxLogoutFilter(path, revocation, entryPoint, securityContext, metrics);
	}

	/**
	 * {@code POST path} with a bearer: the caller's phone number.
	 */
	public static Filter phoneNumber(String path, WxOpenDataService openData, JsonMapper jsonMapper,
			ProblemResponseWriter problems, AuthenticationEntryPoint entryPoint,
			SecurityContextHolderStrategy securityContext) {
		return new WxPhoneNumberFilter(path, openData, jsonMapper, problems, entryPoint, securityContext);
	}

	/**
	 * {@code POST path} with a bearer: the caller's decrypted profile.
	 */
	public static Filter profile(String path, WxOpenDataService openData, JsonMapper jsonMapper,
			ProblemResponseWriter problems, AuthenticationEntryPoint entryPoint,
			SecurityContextHolderStrategy securityContext) {
		return new WxProfileFilter(path, openData, jsonMapper, problems, entryPoint, securityContext);
	}

	/**
	 * {@code GET path}: the public JWK set.
	 */
	public static Filter jwkSet(String path, JWKSet publicKeys) {
		return new JwkSetEndpointFilter(path, publicKeys);
	}

	/**
	 * Answers requests matching the pattern with a {@code 404} problem.
	 */
	public static Filter notFound(String pathPattern, ProblemResponseWriter problems) {
		return new NotFoundFilter(pathPattern, problems);
	}

	/**
	 * Answers a denied request with a {@code 403 access_denied} problem.
	 */
	public static AccessDeniedHandler accessDeniedHandler(ProblemResponseWriter problems) {
		return new ProblemAccessDeniedHandler(problems);
	}

}
