package io.github.wxlogin.web;

import java.io.IOException;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Answers a request the firewall rejects (a {@code ;}, an encoded {@code /}, {@code ..},
 * a bad header) with the contract's {@code 400 invalid_request} problem instead of Boot's
 * error page. The rejection's message, which can quote the request, is logged at DEBUG
 * only.
 */
public final class ProblemRequestRejectedHandler implements RequestRejectedHandler {

	private static final Log logger = LogFactory.getLog(ProblemRequestRejectedHandler.class);

	private final ProblemResponseWriter problems;

	public ProblemRequestRejectedHandler(ProblemResponseWriter problems) {
		this.problems = Objects.requireNonNull(problems, "problems");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			RequestRejectedException requestRejectedException) throws IOException {
		logger.debug("Request rejected by the firewall");
		this.problems.write(request, response, HttpServletResponse.SC_BAD_REQUEST);
	}

}
