package io.github.wxlogin.web;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

import io.github.wxlogin.authentication.WxLoginError;
import io.github.wxlogin.authentication.WxLoginException;

/**
 * Writes the starter's errors as RFC 9457 problems ({@code application/problem+json})
 * with the contract's extra {@code error} member. The body holds only fixed text: never
 * an exception message, a stack trace or a secret. The starter's is {@link #json}; an
 * application's bean replaces it everywhere the starter answers an error (its endpoints,
 * bearer failures, the firewall, the error page), for example to add a trace id.
 * <p>
 * Thread-safe.
 */
@FunctionalInterface
public interface ProblemResponseWriter {

	/**
	 * Write a problem, unless the response is already committed. Headers already set
	 * (such as {@code WWW-Authenticate}) are kept.
	 * @param request the request, for {@code instance}
	 * @param response where to write
	 * @param status the HTTP status
	 * @param error the contract error
	 * @param retryAfter the {@code Retry-After}, or {@code null}
	 * @throws IOException when the response cannot be written
	 */
	void write(HttpServletRequest request, HttpServletResponse response, int status, WxLoginError error,
			@Nullable Duration retryAfter) throws IOException;

	/**
	 * Write the problem for a login exception.
	 * @param request the request
	 * @param response where to write
	 * @param exception the failure, with its error and retry time
	 * @throws IOException when the response cannot be written
	 */
	default void write(HttpServletRequest request, HttpServletResponse response, WxLoginException exception)
			throws IOException {
		write(request, response, exception.getError(), exception.getRetryAfter());
	}

	/**
	 * Write the problem for a contract error, with its status.
	 * @param request the request
	 * @param response where to write
	 * @param error the contract error
	 * @param retryAfter the {@code Retry-After}, or {@code null}
	 * @throws IOException when the response cannot be written
	 */
	default void write(HttpServletRequest request, HttpServletResponse response, WxLoginError error,
			@Nullable Duration retryAfter) throws IOException {
		write(request, response, error.status(), error, retryAfter);
	}

	/**
	 * Write the problem for a status the starter did not choose (the container's or
	 * Spring MVC's, such as {@code 404} or {@code 413}), with the error of
	 * {@link WxLoginError#forStatus(int)}.
	 * @param request the request
	 * @param response where to write
	 * @param status the HTTP status
	 * @throws IOException when the response cannot be written
	 */
	default void write(HttpServletRequest request, HttpServletResponse response, int status) throws IOException {
		write(request, response, status, WxLoginError.forStatus(status), null);
	}

	/**
	 * @param jsonMapper writes the body
	 * @return the starter's writer
	 */
	static ProblemResponseWriter json(JsonMapper jsonMapper) {
		return new JsonProblemResponseWriter(jsonMapper);
	}

	/**
	 * @param status an HTTP status
	 * @return the status's reason phrase, or {@code Error} for one Spring does not know
	 */
	static String title(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() : "Error";
	}

}
