package io.github.wxlogin.test.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.github.wxlogin.test.simulator.Code2SessionTests.assertErrcode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FaultTests {

	private static final String APP = "wx-test-app";

	private static final String SECRET = "test-secret";

	private static final String CODE2SESSION = WxSimulator.CODE2SESSION_PATH;

	private WxSimulator simulator;

	private WeChatHttp wechat;

	@BeforeEach
	void start() {
		this.simulator = WxSimulator.start().registerApp(APP, SECRET);
		this.wechat = new WeChatHttp(this.simulator);
	}

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	@Test
	void failNextWhenBusyThenErrcodeMinus1OnceAndCodeStaysUnused() {
		String code = this.simulator.createCode(APP, "o-alice");
		this.simulator.failNext(CODE2SESSION, Fault.BUSY);

		HttpResponse<String> response = this.wechat.get(CODE2SESSION, query(code));

		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
		assertErrcode(WeChatHttp.okJson(response), -1);
		assertThat(this.wechat.code2Session(APP, SECRET, code).get("openid").asString()).isEqualTo("o-alice");
	}

	@Test
	void failNextWhenRateLimitedThen45011() {
		this.simulator.failNext(CODE2SESSION, Fault.RATE_LIMITED);

		assertErrcode(this.wechat.code2Session(APP, SECRET, this.simulator.createCode(APP, "o-alice")), 45011);
	}

	@Test
	void failNextWhenCustomErrcodeThenThatErrcode() {
		this.simulator.failNext(WxSimulator.STABLE_TOKEN_PATH, Fault.errcode(45009, "reach max api daily quota limit"));

		JsonNode body = this.wechat.stableToken(APP, SECRET, false);

		assertErrcode(body, 45009);
		assertThat(body.get("errmsg").asString()).startsWith("reach max api daily quota limit, rid: ");
	}

	@Test
	void failNextWhenHttp500ThenStatus500WithHtml() {
		this.simulator.failNext(CODE2SESSION, Fault.HTTP_500);

		HttpResponse<String> response = this.wechat.get(CODE2SESSION, query(this.simulator.createCode(APP, "o-alice")));

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(response.body()).startsWith("<html>");
	}

	@Test
	void failNextWhenHtmlThenStatus200WithHtml() {
		this.simulator.failNext(CODE2SESSION, Fault.HTML);

		HttpResponse<String> response = this.wechat.get(CODE2SESSION, query(this.simulator.createCode(APP, "o-alice")));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).startsWith("<html>");
	}

	@Test
	void failNextWhenEmptyThenStatus200WithoutBody() {
		this.simulator.failNext(CODE2SESSION, Fault.EMPTY);

		HttpResponse<String> response = this.wechat.get(CODE2SESSION, query(this.simulator.createCode(APP, "o-alice")));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEmpty();
	}

	@Test
	void failNextWhenDelayThenNormalAnswerAfterTheWait() {
		this.simulator.failNext(CODE2SESSION, Fault.delay(Duration.ofMillis(300)));
		String code = this.simulator.createCode(APP, "o-alice");

		long start = System.nanoTime();
		JsonNode body = this.wechat.code2Session(APP, SECRET, code);

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(body.get("openid").asString()).isEqualTo("o-alice");
	}

	@Test
	void failNextWhenDelayLongerThanClientTimeoutThenClientTimesOut() {
		this.simulator.failNext(CODE2SESSION, Fault.delay(Duration.ofSeconds(2)));
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.simulator.baseUrl() + CODE2SESSION))
			.timeout(Duration.ofMillis(200))
			.build();

		assertThatExceptionOfType(HttpTimeoutException.class)
			.isThrownBy(() -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()));
	}

	@Test
	void failNextWhenResetThenClientSeesIOExceptionOnGet() {
		this.simulator.failNext(CODE2SESSION, Fault.RESET);

		assertThatExceptionOfType(UncheckedIOException.class)
			.isThrownBy(() -> this.wechat.get(CODE2SESSION, query(this.simulator.createCode(APP, "o-alice"))))
			.withCauseInstanceOf(IOException.class);
		assertThat(this.simulator.requestCount(CODE2SESSION)).as("not silently resent").isEqualTo(1);
		assertThat(this.wechat.code2Session(APP, SECRET, this.simulator.createCode(APP, "o-alice")).has("session_key"))
			.isTrue();
	}

	@Test
	void failNextWhenResetThenHttpUrlConnectionSeesIOExceptionWithoutRetry() throws IOException {
		this.simulator.failNext(CODE2SESSION, Fault.RESET);
		HttpURLConnection connection = (HttpURLConnection) URI.create(this.simulator.baseUrl() + CODE2SESSION)
			.toURL()
			.openConnection();

		assertThatExceptionOfType(IOException.class).isThrownBy(() -> connection.getInputStream().readAllBytes());
		assertThat(this.simulator.requestCount(CODE2SESSION)).isEqualTo(1);
	}

	@Test
	void failNextWhenResetOnPooledConnectionThenClientSeesIOExceptionOnPost() {
		this.wechat.stableToken(APP, SECRET, false);
		this.simulator.failNext(WxSimulator.STABLE_TOKEN_PATH, Fault.RESET);

		assertThatExceptionOfType(UncheckedIOException.class)
			.isThrownBy(() -> this.wechat.stableToken(APP, SECRET, false))
			.withCauseInstanceOf(IOException.class);
	}

	@Test
	void failTimesThenThatManyFaultsThenNormal() {
		this.simulator.failTimes(WxSimulator.STABLE_TOKEN_PATH, 2, Fault.BUSY);

		assertErrcode(this.wechat.stableToken(APP, SECRET, false), -1);
		assertErrcode(this.wechat.stableToken(APP, SECRET, false), -1);
		assertThat(this.wechat.stableToken(APP, SECRET, false).has("access_token")).isTrue();
		assertThat(this.simulator.stableTokenFetchCount(APP)).isEqualTo(1);
		assertThat(this.simulator.requestCount(WxSimulator.STABLE_TOKEN_PATH)).isEqualTo(3);
	}

	@Test
	void failAlwaysThenEveryRequestUntilCleared() {
		this.simulator.failAlways("/", Fault.HTTP_500);

		assertThat(this.wechat.get(CODE2SESSION, query("x")).statusCode()).isEqualTo(500);
		assertThat(this.wechat.get(WxSimulator.TOKEN_PATH, Map.of()).statusCode()).isEqualTo(500);
		assertThat(this.wechat.get(CODE2SESSION, query("x")).statusCode()).isEqualTo(500);
		this.simulator.clearFaults();
		assertErrcode(WeChatHttp.okJson(this.wechat.get(CODE2SESSION, query("x"))), 40029);
	}

	@Test
	void failNextWhenPrefixDoesNotMatchThenNormalAnswer() {
		this.simulator.failNext("/cgi-bin/", Fault.BUSY);

		assertThat(this.wechat.code2Session(APP, SECRET, this.simulator.createCode(APP, "o-alice")).has("session_key"))
			.isTrue();
		assertErrcode(this.wechat.stableToken(APP, SECRET, false), -1);
	}

	@Test
	void failNextWhenSeveralQueuedThenServedInOrder() {
		this.simulator.failNext(CODE2SESSION, Fault.BUSY);
		this.simulator.failNext(CODE2SESSION, Fault.RATE_LIMITED);

		assertErrcode(this.wechat.code2Session(APP, SECRET, "x"), -1);
		assertErrcode(this.wechat.code2Session(APP, SECRET, "x"), 45011);
		assertErrcode(this.wechat.code2Session(APP, SECRET, "x"), 40029);
	}

	@Test
	void requestCountCountsEveryRequestPerPath() {
		this.simulator.failNext(CODE2SESSION, Fault.BUSY);
		this.wechat.code2Session(APP, SECRET, "x");
		this.wechat.code2Session(APP, SECRET, "y");
		this.wechat.get("/nowhere", Map.of());

		assertThat(this.simulator.requestCount(CODE2SESSION)).isEqualTo(2);
		assertThat(this.simulator.requestCount("/nowhere")).isEqualTo(1);
		assertThat(this.simulator.requestCount(WxSimulator.TOKEN_PATH)).isZero();
		this.simulator.resetCounts();
		assertThat(this.simulator.requestCount(CODE2SESSION)).isZero();
	}

	@Test
	void resetThenCodesSessionsAndTokensForgottenButAppsKept() {
		String pending = this.simulator.createCode(APP, "o-alice");
		this.wechat.code2Session(APP, SECRET, this.simulator.createCode(APP, "o-bob"));
		this.simulator.failAlways("/", Fault.BUSY);

		this.simulator.reset();

		assertThat(this.simulator.sessionKey(APP, "o-bob")).isEmpty();
		assertErrcode(this.wechat.code2Session(APP, SECRET, pending), 40029);
		assertThat(this.wechat.code2Session(APP, SECRET, this.simulator.createCode(APP, "o-alice")).has("session_key"))
			.isTrue();
	}

	@Test
	void faultWhenInvalidThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> Fault.delay(Duration.ofSeconds(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> Fault.errcode(0, "ok"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.simulator.failTimes("/", 0, Fault.BUSY));
	}

	@Test
	void closeWhenDelayedAnswerPendingThenReturnsPromptly() {
		this.simulator.failAlways("/", Fault.delay(Duration.ofSeconds(30)));
		Thread client = new Thread(() -> {
			try {
				this.wechat.get(CODE2SESSION, query("x"));
			}
			catch (RuntimeException ex) {
				// the connection is closed under it
			}
		});
		client.start();
		waitFor(() -> this.simulator.requestCount(CODE2SESSION) == 1);

		long start = System.nanoTime();
		this.simulator.close();

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
	}

	private static void waitFor(java.util.function.BooleanSupplier condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition in time").isLessThan(deadline);
			Thread.onSpinWait();
		}
	}

	private static Map<String, String> query(String code) {
		return Map.of("appid", APP, "secret", SECRET, "js_code", code, "grant_type", "authorization_code");
	}

}
