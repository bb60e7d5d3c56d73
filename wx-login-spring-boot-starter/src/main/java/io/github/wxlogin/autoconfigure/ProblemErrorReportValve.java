package io.github.wxlogin.autoconfigure;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import io.github.wxlogin.authentication.WxLoginError;
import io.github.wxlogin.web.ProblemResponseWriter;

/**
 * Tomcat's own error answers (a request Tomcat refuses before any servlet, such as a bad
 * URI encoding) as the contract's problem instead of Tomcat's HTML page. It writes only
 * fixed text: no request URI, header or exception, which for a malformed request could be
 * anything. Errors the application answered itself are left alone.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		WxLoginError error = WxLoginError.forStatus(status);
		String body = "{\"type\":\"about:blank\",\"title\":\"" + ProblemResponseWriter.title(status) + "\",\"status\":"
				+ status + ",\"detail\":\"" + error.description() + "\",\"error\":\"" + error.code() + "\"}";
		try {
			response.setContentType("application/problem+json;charset=UTF-8");
			response.setHeader("Cache-Control", "no-store");
			OutputStream out = response.getOutputStream();
			out.write(body.getBytes(StandardCharsets.UTF_8));
			response.finishResponse();
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response is already in use: nothing more to say
		}
	}

}
