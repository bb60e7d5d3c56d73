package io.github.wxlogin.wechat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes how {@link RestClientWxApiClient} reads WeChat's answers, over real HTTP from a
 * server on the loopback interface: whatever the status, {@code Content-Type} and body
 * (JSON labelled {@code text/plain}, an HTML error page, nothing, binary), each call
 * returns a complete result or throws {@link WxApiException} or
 * {@link WxApiUnavailableException}, and no message holds the app secret.
 * <p>
 * Input: byte 0 picks the API (code2Session, stable_token, getuserphonenumber), byte 1
 * the status, byte 2 the content type; the rest is the body. Regression inputs:
 * {@code RestClientWxApiClientFuzzTestsInputs/answer/}.
 */
class RestClientWxApiClientFuzzTests {

	private static final String SECRET = "fuzz-s3cr3t+/=&#?%-0123456789abcdef";

	private static final WxApp APP = new WxApp("wx4f4bc4dec97d474b", SECRET);

	private static final int[] STATUSES = { 200, 200, 200, 200, 201, 204, 302, 400, 404, 429, 500, 502, 503 };

	private static final List<@Nullable String> CONTENT_TYPES = Arrays.asList("text/plain",
			"application/json; encoding=utf-8", "application/json", "text/html; charset=utf-8", null,
			"application/octet-stream", "application/json; charset=GBK", "text/plain; charset=ISO-8859-1");

	private static HttpServer server;

	private static ExecutorService executor;

	private static volatile int status;

	private static volatile @Nullable String contentType;

	private static volatile byte[] body = new byte[0];

	private static WxApiClient client;

	@BeforeAll
	static void startServer() throws IOException {
		// headers and body leave in separate writes: without TCP_NODELAY each answer
		// waits for a delayed ACK (40 ms)
		System.setProperty("sun.net.httpserver.nodelay", "true");
		executor = Executors.newFixedThreadPool(2);
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/", (exchange) -> {
			try (exchange) {
				exchange.getRequestBody().readAllBytes();
				if (contentType != null) {
					exchange.getResponseHeaders().set("Content-Type", contentType);
				}
				byte[] bytes = body;
				boolean noBody = status == 204 || bytes.length == 0;
				exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
				if (!noBody) {
					try (OutputStream out = exchange.getResponseBody()) {
						out.write(bytes);
					}
				}
			}
		});
		server.setExecutor(executor);
		server.start();
		String baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
		client = new RestClientWxApiClient(
				RestClientWxApiClient.restClient(baseUrl, Duration.ofSeconds(2), Duration.ofSeconds(2)),
				JsonMapper.builder().build());
	}

	@AfterAll
	static void stopServer() {
		server.stop(0);
		executor.shutdownNow();
	}

	@FuzzTest(maxDuration = "30s")
	void answer(byte[] input) {
		if (input.length < 3) {
			return;
		}
		status = STATUSES[(input[1] & 0xff) % STATUSES.length];
		contentType = CONTENT_TYPES.get((input[2] & 0xff) % CONTENT_TYPES.size());
		body = Arrays.copyOfRange(input, 3, input.length);
		try {
			switch ((input[0] & 0xff) % 3) {
				case 0 -> {
					WxSession session = client.code2Session(APP, "0a3xyz");
					assertThat(session.openid()).isNotBlank();
					assertThat(session.sessionKey()).isNotBlank();
					// the session key does not show: the text is the same with any other
					// key
					assertThat(session.toString())
						.isEqualTo(new WxSession(session.openid(), session.unionid(), "x").toString());
				}
				case 1 -> {
					WxAccessToken token = client.stableAccessToken(APP, false);
					assertThat(token.value()).isNotBlank();
					assertThat(token.expiresIn()).isPositive();
				}
				default -> {
					WxPhoneInfo phone = client.phoneNumber(APP, "access-token", "phone-code", "o-fuzz-caller");
					assertThat(phone.phoneNumber()).isNotBlank();
					assertThat(phone.purePhoneNumber()).isNotBlank();
					assertThat(phone.countryCode()).isNotNull();
				}
			}
			assertThat(status).isBetween(200, 299);
		}
		catch (WxApiException ex) {
			assertThat(ex.errcode()).isNotZero();
			assertThat(ex.getMessage()).doesNotContain(SECRET);
			assertThat(ex.getCause()).isNull();
		}
		catch (WxApiUnavailableException ex) {
			assertThat(ex.getMessage()).doesNotContain(SECRET, "secret=");
			assertThat(ex.getCause()).isNull();
		}
	}

}
