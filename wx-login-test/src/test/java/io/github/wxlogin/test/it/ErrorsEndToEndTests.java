package io.github.wxlogin.test.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.wxlogin.test.AutoConfigureWxSimulator;
import io.github.wxlogin.test.AutoConfigureWxSimulator.App;
import io.github.wxlogin.test.WxTestClient;
import io.github.wxlogin.test.WxTestClient.Response;
import io.github.wxlogin.test.simulator.WxSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error is problem+json, also outside the starter's endpoints: firewall rejections,
 * Spring MVC's 404 and 405 through Boot's error page, a direct {@code GET /error},
 * Tomcat's own rejections, and the protected-resource metadata that is not served.
 */
@SpringBootTest(classes = LoginTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWxSimulator(apps = @App(appId = ErrorsEndToEndTests.APP, appSecret = "secret-e"),
		boundToOpenPlatform = false)
class ErrorsEndToEndTests {

	static final String APP = "wx-errors-app";

	@Autowired
	WxSimulator wechat;

	@LocalServerPort
	int port;

	WxTestClient http() {
		return WxTestClient.forPort(this.port);
	}

	String bearer() {
		Response login = http().post("/wx/login", Map.of("code", this.wechat.createCode(APP, "o-errors")));
		return "Bearer " + login.json().get("access_token").stringValue();
	}

	@Test
	void requestWhenFirewallRejectsThenInvalidRequestProblem() {
		OpenDataEndToEndTests.assertProblem(http().get("/api/me;x=1"), 400, "invalid_request");
		OpenDataEndToEndTests.assertProblem(http().get("/api/me;x=1", "Authorization", bearer()), 400,
				"invalid_request");
		OpenDataEndToEndTests.assertProblem(http().get("/api/%2e%2e/me"), 400, "invalid_request");
	}

	@Test
	void requestWhenEncodedSlashThenProblem() {
		Response response = http().get("/api%2Fme");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(response.json().get("error").stringValue()).isEqualTo("invalid_request");
	}

	@Test
	void unknownPathWhenAuthenticatedThenNotFoundProblem() {
		Response response = http().get("/api/nothing-here", "Authorization", bearer());
		OpenDataEndToEndTests.assertProblem(response, 404, "not_found");
		assertThat(response.json().get("instance").stringValue()).isEqualTo("/api/nothing-here");
	}

	@Test
	void wrongMethodWhenAuthenticatedThenMethodNotAllowedProblem() {
		OpenDataEndToEndTests.assertProblem(http().post("/api/me", "{}", "Authorization", bearer()), 405,
				"method_not_allowed");
	}

	@Test
	void errorPageWhenRequestedDirectlyThenNeverServerError() {
		OpenDataEndToEndTests.assertProblem(http().get("/error"), 401, "invalid_token");
		OpenDataEndToEndTests.assertProblem(http().get("/error", "Authorization", bearer()), 404, "not_found");
	}

	@Test
	void protectedResourceMetadataThenNotServed() throws IOException {
		OpenDataEndToEndTests.assertProblem(http().get("/.well-known/oauth-protected-resource"), 404, "not_found");
		String forged = raw("GET /.well-known/oauth-protected-resource HTTP/1.1\r\nHost: evil.example\r\n"
				+ "Connection: close\r\n\r\n");
		assertThat(forged).startsWith("HTTP/1.1 404").doesNotContain("evil.example").doesNotContain("tls_client");
		OpenDataEndToEndTests.assertProblem(http().get("/.well-known/oauth-protected-resource/api"), 404, "not_found");
	}

	@Test
	void requestWhenTomcatRejectsItThenProblemWithoutHtml() throws IOException {
		String response = raw("GET /a%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(response).startsWith("HTTP/1.1 400");
		assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
		assertThat(response).contains("\"error\":\"invalid_request\"").doesNotContainIgnoringCase("<html");
	}

	String raw(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

}
