package io.github.wxlogin.web;

import java.io.IOException;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.wxlogin.authentication.WxIdentity;
import io.github.wxlogin.authentication.WxLoginException;
import io.github.wxlogin.token.WxClaimNames;

/**
 * A bearer endpoint that reads a bounded JSON object body and answers {@code 200} with
 * JSON, or the contract's problem for a {@link WxLoginException}. The caller is who the
 * token says: app id from {@code appid}, openid from {@code sub}.
 */
abstract class BearerJsonEndpointFilter extends BearerEndpointFilter {

	private final JsonRequestReader reader;

	private final JsonMapper jsonMapper;

	private final ProblemResponseWriter problems;

	BearerJsonEndpointFilter(String path, JsonMapper jsonMapper, ProblemResponseWriter problems,
			AuthenticationEntryPoint entryPoint, SecurityContextHolderStrategy securityContext) {
		super(path, entryPoint, securityContext);
		this.reader = new JsonRequestReader(jsonMapper);
		this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
		this.problems = Objects.requireNonNull(problems, "problems");
	}

	@Override
	final void handle(HttpServletRequest request, HttpServletResponse response, JwtAuthenticationToken bearer)
			throws IOException {
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
		return WxIdentity.of(Objects.requireNonNull(token.getClaimAsString(WxClaimNames.APP_ID)), token.getSubject(),
				token.getClaimAsString(WxClaimNames.UNION_ID));
	}

}
