package io.github.wxlogin.web;

import java.io.IOException;
import java.util.Objects;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.wxlogin.authentication.WxIdentity;
import io.github.wxlogin.authentication.WxLoginException;
import io.github.wxlogin.token.WxAccessTokenGenerator;

/**
 * A {@code POST} endpoint for a logged-in user: it needs our bearer token (else the entry
 * point's {@code 401}), reads a bounded JSON object body, and answers {@code 200} with
 * JSON, or the contract's problem for a {@link WxLoginException}. The caller is who the
 * token says: app id from {@code appid}, openid from {@code sub}. Placed after the bearer
 * token filter.
 */
abstract class BearerJsonEndpointFilter extends OncePerRequestFilter {

	private final RequestMatcher matcher;

	private final JsonRequestReader reader;

	private final JsonMapper jsonMapper;

	private final ProblemResponseWriter problems;

	private final AuthenticationEntryPoint entryPoint;

	private final SecurityContextHolderStrategy securityContext;

	BearerJsonEndpointFilter(String path, JsonMapper jsonMapper, ProblemResponseWriter problems,
			AuthenticationEntryPoint entryPoint, SecurityContextHolderStrategy securityContext) {
		this.matcher = PathPatternRequestMatcher.pathPattern(HttpMethod.POST, path);
		this.reader = new JsonRequestReader(jsonMapper);
		this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
		this.problems = Objects.requireNonNull(problems, "problems");
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
		Object answer;
		try {
			answer = handle(caller(bearer.getToken()), this.reader.read(request));
		}
		catch (WxLoginException ex) {
			this.problems.write(request, response, ex);
			return;
		}
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		this.jsonMapper.writeValue(response.getOutputStream(), answer);
	}

	/**
	 * @param caller the bearer's identity
	 * @param body the request's JSON object
	 * @return the answer, written as JSON
	 * @throws WxLoginException for a contract error
	 */
	abstract Object handle(WxIdentity caller, JsonNode body);

	private static WxIdentity caller(Jwt token) {
		return WxIdentity.of(Objects.requireNonNull(token.getClaimAsString(WxAccessTokenGenerator.APP_ID_CLAIM)),
				token.getSubject(), token.getClaimAsString(WxAccessTokenGenerator.UNION_ID_CLAIM));
	}

}
