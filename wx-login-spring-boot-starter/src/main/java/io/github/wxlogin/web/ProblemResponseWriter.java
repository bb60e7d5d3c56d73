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
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

import io.github.wxlogin.authentication.WxLoginError;
import io.github.wxlogin.authentication.WxLoginException;

/**
 * Writes RFC 9457 problems ({@code application/problem+json}) with the contract's extra
 * {@code error} member. The body holds only fixed text: never an exception message, a
 * stack trace or a secret.
 */
public final class ProblemResponseWriter {

	private static final java.util.regex.Pattern PATH_PARAMETERS = java.util.regex.Pattern.compile(";[^/]*");

	private static final MediaType PROBLEM_JSON_UTF8 = new MediaType(MediaType.APPLICATION_PROBLEM_JSON,
			java.nio.charset.StandardCharsets.UTF_8);

	private final JsonMapper jsonMapper;

	public ProblemResponseWriter(JsonMapper jsonMapper) {
		this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
	}

	/**
	 * Write the problem for a login exception.
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, WxLoginException exception)
			throws IOException {
		write(request, response, exception.getError(), exception.getRetryAfter());
	}

	/**
	 * Write the problem for a contract error. Headers already set (such as
	 * {@code WWW-Authenticate}) are kept.
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, WxLoginError error,
			@Nullable Duration retryAfter) throws IOException {
		write(request, response, error.status(), error, retryAfter);
	}

	/**
	 * Write the problem for a status the starter did not choose (the container's or
	 * Spring MVC's, such as {@code 404} or {@code 413}), with the error of
	 * {@link WxLoginError#forStatus(int)}.
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, int status) throws IOException {
		write(request, response, status, WxLoginError.forStatus(status), null);
	}

	private void write(HttpServletRequest request, HttpServletResponse response, int status, WxLoginError error,
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
		body.put("title", title(status));
		body.put("status", status);
		body.put("detail", error.description());
		body.put("instance", withoutPathParameters(request.getRequestURI()));
		body.put("error", error.code());
		this.jsonMapper.writeValue(response.getOutputStream(), body);
	}

	/**
	 * @return the status's reason phrase, or {@code Error} for one Spring does not know
	 */
	public static String title(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() : "Error";
	}

	/**
	 * The path without its {@code ;} parameters, which can hold a session id
	 * ({@code ;jsessionid=}) that has no business in a response body.
	 */
	static String withoutPathParameters(String uri) {
		return (uri.indexOf(';') < 0) ? uri : PATH_PARAMETERS.matcher(uri).replaceAll("");
	}

}
