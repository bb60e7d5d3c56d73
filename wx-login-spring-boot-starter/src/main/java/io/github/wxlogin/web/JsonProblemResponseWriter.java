package io.github.wxlogin.web;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

import io.github.wxlogin.authentication.WxLoginError;

/**
 * The starter's {@link ProblemResponseWriter}: RFC 9457 members ({@code type},
 * {@code title}, {@code status}, {@code detail}, {@code instance}) and {@code error},
 * with {@code Cache-Control: no-store} and {@code Retry-After} when given.
 */
final class JsonProblemResponseWriter implements ProblemResponseWriter {

	private static final java.util.regex.Pattern PATH_PARAMETERS = java.util.regex.Pattern.compile(";[^/]*");

	private static final MediaType PROBLEM_JSON_UTF8 = new MediaType(MediaType.APPLICATION_PROBLEM_JSON,
			java.nio.charset.StandardCharsets.UTF_8);

	private final JsonMapper jsonMapper;

	JsonProblemResponseWriter(JsonMapper jsonMapper) {
		this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
	}

	@Override
	public void write(HttpServletRequest request, HttpServletResponse response, int status, WxLoginError error,
			@Nullable Duration retryAfter) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.setStatus(status);
		response.setContentType(PROBLEM_JSON_UTF8.toString());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		if (retryAfter != null) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", "about:blank");
		body.put("title", ProblemResponseWriter.title(status));
		body.put("status", status);
		body.put("detail", error.description());
		body.put("instance", withoutPathParameters(request.getRequestURI()));
		body.put("error", error.code());
		this.jsonMapper.writeValue(response.getOutputStream(), body);
	}

	/**
	 * The path without its {@code ;} parameters, which can hold a session id
	 * ({@code ;jsessionid=}) that has no business in a response body.
	 */
	static String withoutPathParameters(String uri) {
		return (uri.indexOf(';') < 0) ? uri : PATH_PARAMETERS.matcher(uri).replaceAll("");
	}

}
