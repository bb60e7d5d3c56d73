package io.github.wxlogin.web;

import java.io.IOException;
import java.util.Objects;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import tools.jackson.databind.json.JsonMapper;

import io.github.wxlogin.authentication.WxTokenAuthentication;

/**
 * Writes the tokens of a login or refresh as the contract's JSON body, with
 * {@code Cache-Control: no-store} (RFC 6749 §5.1). It only writes: the tokens were issued
 * by the provider.
 */
public final class WxTokenResponseSuccessHandler implements AuthenticationSuccessHandler {

	private final JsonMapper jsonMapper;

	private final java.time.Clock clock;

	public WxTokenResponseSuccessHandler(JsonMapper jsonMapper, java.time.Clock clock) {
		this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * Writes the tokens and ends the request: the filter chain does not go on (Spring
	 * Security's default for this variant would pass the request on after writing).
	 */
	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
			Authentication authentication) throws IOException {
		onAuthenticationSuccess(request, response, authentication);
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		if (!(authentication instanceof WxTokenAuthentication tokens)) {
			throw new IllegalStateException(
					"Expected the tokens of a login or a refresh, got " + authentication.getClass().getName());
		}
		WxTokenResponse body = WxTokenResponse.of(tokens, this.clock.instant());
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader(HttpHeaders.PRAGMA, "no-cache");
		this.jsonMapper.writeValue(response.getOutputStream(), body);
	}

}
