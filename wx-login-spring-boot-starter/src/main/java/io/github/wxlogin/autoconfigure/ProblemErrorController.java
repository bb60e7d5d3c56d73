package io.github.wxlogin.autoconfigure;

import java.io.IOException;
import java.util.Objects;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import io.github.wxlogin.web.ProblemResponseWriter;

/**
 * Boot's error page ({@code server.error.path}, {@code /error}) as the contract's
 * problem: every error that reaches it (Spring MVC's 404 and 405, an exception's 500, a
 * container {@code sendError}) is answered {@code application/problem+json} with its
 * status and an {@code error} code, and no exception detail. A direct request for the
 * error page, which has no error, is {@code 404 not_found}.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
final class ProblemErrorController implements ErrorController {

	private final ProblemResponseWriter problems;

	ProblemErrorController(ProblemResponseWriter problems) {
		this.problems = Objects.requireNonNull(problems, "problems");
	}

	@RequestMapping
	void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int code = (status instanceof Integer value && value >= 400) ? value : HttpServletResponse.SC_NOT_FOUND;
		HttpServletRequest original = new jakarta.servlet.http.HttpServletRequestWrapper(request) {

			@Override
			public String getRequestURI() {
				Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
				return (uri instanceof String value) ? value : request.getRequestURI();
			}

		};
		response.resetBuffer();
		this.problems.write(original, response, code);
	}

}
