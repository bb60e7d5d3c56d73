package io.github.wxlogin.web;

import java.io.IOException;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import io.github.wxlogin.authentication.WxLoginError;

/**
 * Answers a request the {@link org.springframework.security.web.firewall.HttpFirewall}
 * rejected (a header value with a control character such as {@code U+0085}, a
 * disallowed URL) with {@code 400} and a problem body with {@code error:
 * invalid_request}, where Spring's default {@link HttpStatusRequestRejectedHandler}
 * sends a bare {@code 400} that the container turns into its own error page. The
 * firewall's message, which quotes the rejected value (possibly a token), is neither
 * written nor logged.
 */
public final class ProblemRequestRejectedHandler implements RequestRejectedHandler {

	private static final Log logger = LogFactory.getLog(ProblemRequestRejectedHandler.class);

	private final ProblemResponseWriter writer;

	public ProblemRequestRejectedHandler(ProblemResponseWriter writer) {
		this.writer = Objects.requireNonNull(writer, "writer");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			RequestRejectedException requestRejectedException) throws IOException {
		logger.debug("Request rejected by the firewall");
		this.writer.write(request, response, WxLoginError.INVALID_REQUEST, null);
	}

}
