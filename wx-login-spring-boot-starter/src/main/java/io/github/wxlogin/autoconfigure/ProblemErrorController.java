package io.github.wxlogin.autoconfigure;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.autoconfigure.error.AbstractErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

import io.github.wxlogin.web.ProblemResponseWriter;

/**
 * Boot's error page ({@code server.error.path}, {@code /error}) as the contract's
 * problem: every error that reaches it (Spring MVC's 404 and 405, an exception's 500, a
 * container {@code sendError}) is answered {@code application/problem+json} with its
 * status and an {@code error} code, and no exception detail. A direct request for the
 * error page, which has no error, is {@code 404 not_found}.
 * <p>
 * A browser (a request that accepts {@code text/html}) gets Boot's HTML error view as
 * with Boot's own {@code BasicErrorController}: the application's {@code error/404.html}
 * templates, else the whitelabel page, with Boot's default attributes (no message, no
 * exception, no trace), so the pages of an application's own chains stay as they were.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
final class ProblemErrorController extends AbstractErrorController {

	private final ProblemResponseWriter problems;

	ProblemErrorController(ProblemResponseWriter problems, ErrorAttributes errorAttributes,
			List<ErrorViewResolver> errorViewResolvers) {
		super(errorAttributes, errorViewResolvers);
		this.problems = Objects.requireNonNull(problems, "problems");
	}

	@RequestMapping(produces = MediaType.TEXT_HTML_VALUE)
	ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
		HttpStatus status = getStatus(request);
		Map<String, Object> model = getErrorAttributes(request, ErrorAttributeOptions.defaults());
		response.setStatus(status.value());
		ModelAndView view = resolveErrorView(request, response, status, model);
		return (view != null) ? view : new ModelAndView("error", model);
	}

	@RequestMapping
	void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int code = (status instanceof Integer value && value >= 400) ? value : HttpServletResponse.SC_NOT_FOUND;
		HttpServletRequest original = new HttpServletRequestWrapper(request) {

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
