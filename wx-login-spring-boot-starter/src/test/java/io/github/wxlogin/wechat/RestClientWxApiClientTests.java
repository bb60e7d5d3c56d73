package io.github.wxlogin.wechat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Runs the client over real HTTP against a canned WeChat on the loopback interface.
 */
class RestClientWxApiClientTests {

	private static final String SECRET = "s3cr3t+/=&#?%\u5bc6\u94a5-0123456789abcdef";

	private static final WxApp APP = new WxApp("wx4f4bc4dec97d474b", SECRET);

	private static final String SUCCESS = "{\"session_key\":\"nzoqhc3OnwHzeTxJs+inbQ==\",\"openid\":\"oVBkZ0aYgDMDIywRdgPW8-joxXc4\"}";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static HttpServer server;

	private static ExecutorService executor;

	private static String baseUrl;

	private static volatile Responder responder;

	private static volatile @Nullable String receivedQuery;

	private static volatile @Nullable String receivedAccept;

	private final WxApiClient client = new RestClientWxApiClient(
			RestClientWxApiClient.restClient(baseUrl, Duration.ofSeconds(1), Duration.ofMillis(300)), JSON);

	@BeforeAll
	static void startServer() throws IOException {
		executor = Executors.newCachedThreadPool();
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/", (exchange) -> {
			receivedQuery = exchange.getRequestURI().getRawQuery();
			receivedAccept = exchange.getRequestHeaders().getFirst("Accept");
			try {
				if (RestClientWxApiClient.CODE2SESSION_PATH.equals(exchange.getRequestURI().getPath())) {
					responder.respond(exchange);
				}
				else {
					send(exchange, 404, "text/plain", "not found");
				}
			}
			finally {
				exchange.close();
			}
		});
		server.setExecutor(executor);
		server.start();
		baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
	}

	@AfterAll
	static void stopServer() {
		server.stop(0);
		executor.shutdownNow();
	}

	@BeforeEach
	void reset() {
		responder = (exchange) -> send(exchange, 200, "text/plain", SUCCESS);
		receivedQuery = null;
		receivedAccept = null;
	}

	@Test
	void code2SessionWhenTextPlainSuccessThenSession() {
		WxSession session = this.client.code2Session(APP, "0a3xyz");
		assertThat(session.openid()).isEqualTo("oVBkZ0aYgDMDIywRdgPW8-joxXc4");
		assertThat(session.sessionKey()).isEqualTo("nzoqhc3OnwHzeTxJs+inbQ==");
		assertThat(session.unionid()).isNull();
		assertThat(receivedAccept).isEqualTo("application/json");
	}

	@Test
	void code2SessionWhenUnionidAndUnknownFieldsThenSessionWithUnionid() {
		responder = (exchange) -> send(exchange, 200, "application/json; encoding=utf-8",
				"{\"errcode\":0,\"errmsg\":\"ok\",\"expires_in\":7200,\"session_key\":\"tiihtNczf5v6AKRyjwEUhQ==\","
						+ "\"openid\":\"oGZUI0egBJY1zhBYw2KhdUfwVJJE\",\"unionid\":\"ocMvos6NjeKLIBqg5Mr9QjxrP1FA\","
						+ "\"extra\":{\"nested\":[1,2]}}");
		WxSession session = this.client.code2Session(APP, "0a3xyz");
		assertThat(session).isEqualTo(new WxSession("oGZUI0egBJY1zhBYw2KhdUfwVJJE", "ocMvos6NjeKLIBqg5Mr9QjxrP1FA",
				"tiihtNczf5v6AKRyjwEUhQ=="));
	}

	@Test
	void code2SessionWhenSpecialCharactersThenParametersArriveIntact() {
		String code = "a+b/c=d&e#f?g%h \u4e2d";
		this.client.code2Session(APP, code);
		Map<String, String> parameters = decode(receivedQuery);
		assertThat(parameters).containsExactly(Map.entry("appid", "wx4f4bc4dec97d474b"), Map.entry("secret", SECRET),
				Map.entry("js_code", code), Map.entry("grant_type", "authorization_code"));
		assertThat(receivedQuery).doesNotContain("+", " ", "#", "\u4e2d");
	}

	@ParameterizedTest
	@ValueSource(ints = { -1, 40001, 40013, 40029, 40125, 40163, 40226, 41008, 45009, 45011 })
	void code2SessionWhenErrcodeThenWxApiException(int errcode) {
		responder = (exchange) -> send(exchange, 200, "text/plain",
				"{\"errcode\":" + errcode + ",\"errmsg\":\"some error, rid: 652d44d0-1d0af18b-5b069232\"}");
		Throwable thrown = catchThrowable(() -> this.client.code2Session(APP, "0a3xyz"));
		assertThat(thrown).isInstanceOfSatisfying(WxApiException.class, (ex) -> {
			assertThat(ex.errcode()).isEqualTo(errcode);
			assertThat(ex.errmsg()).isEqualTo("some error, rid: 652d44d0-1d0af18b-5b069232");
			assertThat(ex).hasMessage("WeChat rejected code2Session with errcode " + errcode).hasNoCause();
		});
		assertRevealsNothing(thrown);
	}

	@Test
	void code2SessionWhenErrcodeWithoutErrmsgThenWxApiException() {
		responder = (exchange) -> send(exchange, 200, "text/plain", "{\"errcode\":40029}");
		assertThatExceptionOfType(WxApiException.class).isThrownBy(() -> this.client.code2Session(APP, "0a3xyz"))
			.satisfies((ex) -> assertThat(ex.errmsg()).isNull());
	}

	@Test
	void code2SessionWhenHtmlThenUnavailable() {
		responder = (exchange) -> send(exchange, 200, "text/html", "<html><body>502 Bad Gateway</body></html>");
		assertUnavailable(() -> this.client.code2Session(APP, "0a3xyz"));
	}

	@Test
	void code2SessionWhenEmptyBodyThenUnavailable() {
		responder = (exchange) -> send(exchange, 200, "text/plain", "");
		assertUnavailable(() -> this.client.code2Session(APP, "0a3xyz"));
	}

	@Test
	void code2SessionWhenJsonNotAnObjectThenUnavailable() {
		responder = (exchange) -> send(exchange, 200, "text/plain", "[\"openid\"]");
		assertUnavailable(() -> this.client.code2Session(APP, "0a3xyz"));
		responder = (exchange) -> send(exchange, 200, "text/plain", "\"text\"");
		assertUnavailable(() -> this.client.code2Session(APP, "0a3xyz"));
	}

	@Test
	void code2SessionWhenSuccessWithoutSessionKeyOrOpenidThenUnavailable() {
		responder = (exchange) -> send(exchange, 200, "text/plain", "{\"openid\":\"oVBkZ0aYgDMDIywRdgPW8-joxXc4\"}");
		assertUnavailable(() -> this.client.code2Session(APP, "0a3xyz"));
		responder = (exchange) -> send(exchange, 200, "text/plain",
				"{\"errcode\":0,\"session_key\":\"nzoqhc3OnwHzeTxJs+inbQ==\",\"openid\":\"\"}");
		assertUnavailable(() -> this.client.code2Session(APP, "0a3xyz"));
	}

	@Test
	void code2SessionWhenErrcodeNotAnIntegerThenUnavailable() {
		responder = (exchange) -> send(exchange, 200, "text/plain", "{\"errcode\":\"busy\"}");
		assertUnavailable(() -> this.client.code2Session(APP, "0a3xyz"));
	}

	@ParameterizedTest
	@ValueSource(ints = { 500, 502, 503, 404, 400, 302 })
	void code2SessionWhenHttpErrorStatusThenUnavailable(int status) {
		responder = (exchange) -> {
			exchange.getResponseHeaders().add("Location", baseUrl + "/elsewhere");
			send(exchange, status, "text/plain", SUCCESS);
		};
		assertUnavailable(() -> this.client.code2Session(APP, "0a3xyz"));
	}

	@Test
	void code2SessionWhenSlowerThanReadTimeoutThenUnavailableWithinASecond() {
		responder = (exchange) -> {
			try {
				Thread.sleep(3000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			send(exchange, 200, "text/plain", SUCCESS);
		};
		long start = System.nanoTime();
		assertUnavailable(() -> this.client.code2Session(APP, "0a3xyz"));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1200));
	}

	@Test
	void code2SessionWhenConnectionClosedWithoutAnswerThenUnavailable() {
		responder = (exchange) -> {
			// closing before any response header drops the connection
		};
		assertUnavailable(() -> this.client.code2Session(APP, "0a3xyz"));
	}

	@Test
	void code2SessionWhenConnectionRefusedThenUnavailable() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		String closedUrl = "http://127.0.0.1:" + closedPort;
		WxApiClient refused = new RestClientWxApiClient(
				RestClientWxApiClient.restClient(closedUrl, Duration.ofSeconds(1), Duration.ofMillis(300)), JSON);
		Throwable thrown = catchThrowable(() -> refused.code2Session(APP, "0a3xyz"));
		assertThat(thrown).isInstanceOf(WxApiUnavailableException.class).hasNoCause();
		assertRevealsNothing(thrown);
		assertThat(thrown.getMessage()).doesNotContain(closedUrl, "127.0.0.1");
	}

	@Test
	void wxAppWhenPrintedThenSecretHidden() {
		assertThat(APP.toString()).contains("wx4f4bc4dec97d474b").doesNotContain(SECRET);
	}

	@Test
	void wxSessionWhenPrintedThenSessionKeyHidden() {
		WxSession session = new WxSession("oGZUI0egBJY1zhBYw2KhdUfwVJJE", null, "tiihtNczf5v6AKRyjwEUhQ==");
		assertThat(session.toString()).contains("oGZUI0egBJY1zhBYw2KhdUfwVJJE")
			.doesNotContain("tiihtNczf5v6AKRyjwEUhQ==");
	}

	@Test
	void wxAppWhenBlankThenIllegalArgument() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new WxApp(" ", SECRET));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new WxApp("wx1", ""));
	}

	private static void assertUnavailable(ThrowingCallable call) {
		Throwable thrown = catchThrowable(call);
		assertThat(thrown).isInstanceOf(WxApiUnavailableException.class).hasNoCause();
		assertRevealsNothing(thrown);
	}

	private static void assertRevealsNothing(Throwable thrown) {
		for (String text : new String[] { thrown.getMessage(), thrown.toString() }) {
			assertThat(text).doesNotContain(SECRET, "s3cr3t", "secret=", baseUrl, "127.0.0.1", "0a3xyz",
					"jscode2session");
		}
	}

	private static Map<String, String> decode(@Nullable String rawQuery) {
		assertThat(rawQuery).isNotNull();
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String pair : rawQuery.split("&")) {
			int equals = pair.indexOf('=');
			assertThat(equals).isPositive();
			parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
		}
		return parameters;
	}

	private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@FunctionalInterface
	private interface Responder {

		void respond(HttpExchange exchange) throws IOException;

	}

}
