package io.github.wxlogin.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.authentication.AuthenticationConverter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.wxlogin.authentication.RefreshTokenAuthenticationToken;

/**
 * Reads the JSON body of a refresh request, {@code {"refresh_token": "...", "appId":
 * "..."}} ({@code appId} optional), into a {@link RefreshTokenAuthenticationToken}. A
 * body that is not a JSON object, or without a refresh token, is
 * {@code 400 invalid_request}.
 */
public final class WxRefreshAuthenticationConverter implements AuthenticationConverter {

	private final JsonRequestReader reader;

	public WxRefreshAuthenticationConverter(JsonMapper jsonMapper) {
		this.reader = new JsonRequestReader(jsonMapper);
	}

	@Override
	public RefreshTokenAuthenticationToken convert(HttpServletRequest request) {
		JsonNode body = this.reader.read(request);
		// any length up to the body limit: a wrong token (an access token, say) is a 401,
		// not a 400
		return new RefreshTokenAuthenticationToken(
				JsonRequestReader.requiredString(body, "refresh_token", JsonRequestReader.MAX_BODY_BYTES),
				JsonRequestReader.optionalString(body, "appId"));
	}

}
