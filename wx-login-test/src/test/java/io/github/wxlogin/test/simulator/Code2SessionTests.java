package io.github.wxlogin.test.simulator;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class Code2SessionTests {

	private static final String APP = "wx-test-app";

	private static final String SECRET = "test-secret";

	private static final String BOUND_APP = "wx-bound-app";

	private static final String BOUND_SECRET = "bound-secret";

	private WxSimulator simulator;

	private WeChatHttp wechat;

	@BeforeEach
	void start() {
		this.simulator = WxSimulator.start().registerApp(APP, SECRET).registerApp(BOUND_APP, BOUND_SECRET, true);
		this.simulator.setClock(Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC));
		this.wechat = new WeChatHttp(this.simulator);
	}

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	@Test
	void code2SessionWhenCodeValidThenSessionKeyAndOpenidAsTextPlain() {
		String code = this.simulator.createCode(APP, "o-alice");

		HttpResponse<String> response = this.wechat.get("/sns/jscode2session", query(APP, SECRET, code));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
		JsonNode body = WeChatHttp.json.readTree(response.body());
		assertThat(body.has("errcode")).isFalse();
		assertThat(body.has("unionid")).isFalse();
		assertThat(body.get("openid").asString()).isEqualTo("o-alice");
		String sessionKey = body.get("session_key").asString();
		assertThat(sessionKey).hasSize(24);
		assertThat(Base64.getDecoder().decode(sessionKey)).hasSize(16);
		assertThat(this.simulator.sessionKey(APP, "o-alice")).hasValue(sessionKey);
	}

	@Test
	void code2SessionWhenAppBoundThenChosenUnionid() {
		String code = this.simulator.createCode(BOUND_APP, "o-bob", "u-bob");

		JsonNode body = this.wechat.code2Session(BOUND_APP, BOUND_SECRET, code);

		assertThat(body.get("openid").asString()).isEqualTo("o-bob");
		assertThat(body.get("unionid").asString()).isEqualTo("u-bob");
	}

	@Test
	void code2SessionWhenAppBoundAndNoUnionidGivenThenStableDerivedUnionid() {
		JsonNode first = this.wechat.code2Session(BOUND_APP, BOUND_SECRET,
				this.simulator.createCode(BOUND_APP, "o-bob"));
		JsonNode second = this.wechat.code2Session(BOUND_APP, BOUND_SECRET,
				this.simulator.createCode(BOUND_APP, "o-bob"));
		JsonNode other = this.wechat.code2Session(BOUND_APP, BOUND_SECRET,
				this.simulator.createCode(BOUND_APP, "o-carol"));

		String unionid = first.get("unionid").asString();
		assertThat(unionid).hasSize(28).startsWith("o");
		assertThat(second.get("unionid").asString()).isEqualTo(unionid);
		assertThat(other.get("unionid").asString()).isNotEqualTo(unionid);
	}

	@Test
	void code2SessionWhenAppNotBoundThenNoUnionidEvenIfGiven() {
		JsonNode body = this.wechat.code2Session(APP, SECRET, this.simulator.createCode(APP, "o-alice", "u-alice"));

		assertThat(body.has("unionid")).isFalse();
		assertThat(body.get("openid").asString()).isEqualTo("o-alice");
	}

	@Test
	void code2SessionWhenCodeReusedThen40163() {
		String code = this.simulator.createCode(APP, "o-alice");
		this.wechat.code2Session(APP, SECRET, code);

		assertErrcode(this.wechat.code2Session(APP, SECRET, code), 40163);
	}

	@Test
	void code2SessionWhenCodeOlderThan300SecondsThen40029() {
		String fresh = this.simulator.createCode(APP, "o-alice");
		String stale = this.simulator.createCode(APP, "o-alice");
		this.simulator.advanceTime(Duration.ofSeconds(299));
		assertThat(this.wechat.code2Session(APP, SECRET, fresh).has("session_key")).isTrue();

		this.simulator.advanceTime(Duration.ofSeconds(1));

		assertErrcode(this.wechat.code2Session(APP, SECRET, stale), 40029);
	}

	@Test
	void code2SessionWhenClockReplacedThenExpiryFollowsIt() {
		String code = this.simulator.createCode(APP, "o-alice");

		this.simulator.setClock(Clock.fixed(Instant.parse("2024-05-01T10:05:00Z"), ZoneOffset.UTC));

		assertErrcode(this.wechat.code2Session(APP, SECRET, code), 40029);
	}

	@Test
	void code2SessionWhenCodeUnknownThen40029() {
		assertErrcode(this.wechat.code2Session(APP, SECRET, "0a3Xyz0000000000000000000000000"), 40029);
	}

	@Test
	void code2SessionWhenCodeOfAnotherAppThen40029AndCodeStaysValidForItsApp() {
		String code = this.simulator.createCode(BOUND_APP, "o-bob");

		assertErrcode(this.wechat.code2Session(APP, SECRET, code), 40029);
		assertThat(this.wechat.code2Session(BOUND_APP, BOUND_SECRET, code).get("openid").asString()).isEqualTo("o-bob");
	}

	@Test
	void code2SessionWhenAppidUnknownThen40013() {
		assertErrcode(this.wechat.code2Session("wx-unknown", SECRET, this.simulator.createCode(APP, "o-alice")), 40013);
	}

	@Test
	void code2SessionWhenSecretWrongThen40125AndCodeStaysUnused() {
		String code = this.simulator.createCode(APP, "o-alice");

		assertErrcode(this.wechat.code2Session(APP, "wrong-secret", code), 40125);
		assertThat(this.wechat.code2Session(APP, SECRET, code).has("session_key")).isTrue();
	}

	@Test
	void code2SessionWhenJsCodeEmptyThen41008() {
		assertErrcode(this.wechat.code2Session(APP, SECRET, ""), 41008);
	}

	@Test
	void code2SessionWhenJsCodeMissingThen41008() {
		JsonNode body = this.wechat.getJson("/sns/jscode2session",
				Map.of("appid", APP, "secret", SECRET, "grant_type", "authorization_code"));

		assertErrcode(body, 41008);
	}

	@Test
	void code2SessionWhenGrantTypeWrongThen40002() {
		String code = this.simulator.createCode(APP, "o-alice");
		JsonNode body = this.wechat.getJson("/sns/jscode2session",
				Map.of("appid", APP, "secret", SECRET, "js_code", code, "grant_type", "client_credential"));

		assertErrcode(body, 40002);
	}

	@Test
	void code2SessionWhenErrorThenStillTextPlainWithRid() {
		HttpResponse<String> response = this.wechat.get("/sns/jscode2session", query(APP, SECRET, "no-such-code"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
		assertThat(WeChatHttp.json.readTree(response.body()).get("errmsg").asString())
			.matches("invalid code, rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}");
	}

	@Test
	void code2SessionWhenCodeBlockedThen40226EveryTime() {
		String code = this.simulator.createBlockedCode(APP, "o-mallory");

		assertErrcode(this.wechat.code2Session(APP, SECRET, code), 40226);
		assertErrcode(this.wechat.code2Session(APP, SECRET, code), 40226);
		assertThat(this.simulator.sessionKey(APP, "o-mallory")).isEmpty();
	}

	@Test
	void code2SessionWhenMinuteLimitReachedThen45011AndCodeUsableNextMinute() {
		this.simulator.setCode2SessionLimitPerMinute(2);
		this.wechat.code2Session(APP, SECRET, this.simulator.createCode(APP, "o-alice"));
		this.wechat.code2Session(APP, SECRET, this.simulator.createCode(APP, "o-alice"));
		String third = this.simulator.createCode(APP, "o-alice");

		assertErrcode(this.wechat.code2Session(APP, SECRET, third), 45011);
		assertThat(this.wechat.code2Session(APP, SECRET, this.simulator.createCode(APP, "o-bob")).has("session_key"))
			.as("the limit is per user")
			.isTrue();
		this.simulator.advanceTime(Duration.ofMinutes(1));
		assertThat(this.wechat.code2Session(APP, SECRET, third).has("session_key")).isTrue();
	}

	@Test
	void code2SessionWhenNoMinuteLimitThenManyLoginsPass() {
		for (int i = 0; i < 20; i++) {
			assertThat(
					this.wechat.code2Session(APP, SECRET, this.simulator.createCode(APP, "o-alice")).has("session_key"))
				.isTrue();
		}
	}

	@Test
	void code2SessionWhenLoggedInAgainThenNewSessionKeyReplacesOld() {
		String first = this.wechat.code2Session(APP, SECRET, this.simulator.createCode(APP, "o-alice"))
			.get("session_key")
			.asString();
		String second = this.wechat.code2Session(APP, SECRET, this.simulator.createCode(APP, "o-alice"))
			.get("session_key")
			.asString();

		assertThat(second).isNotEqualTo(first);
		assertThat(this.simulator.sessionKey(APP, "o-alice")).hasValue(second);
	}

	@Test
	void code2SessionWhenCodeHasReservedCharactersAndIsEncodedThenItRoundTrips() {
		String value = "a+b/c=d&e#f?g%h i\u4e2d";
		String code = this.simulator.code(APP, "o-alice").value(value).create();

		assertThat(code).isEqualTo(value);
		assertThat(this.wechat.code2Session(APP, SECRET, code).get("openid").asString()).isEqualTo("o-alice");
	}

	@Test
	void code2SessionWhenPlusSentUnencodedThenItArrivesAsSpace() {
		String code = this.simulator.code(APP, "o-alice").value("ab+cd").create();

		HttpResponse<String> response = this.wechat.getRaw("/sns/jscode2session",
				"appid=" + APP + "&secret=" + SECRET + "&grant_type=authorization_code&js_code=ab+cd");

		assertErrcode(WeChatHttp.okJson(response), 40029);
	}

	@Test
	void code2SessionWhenSecretHasReservedCharactersThenItRoundTrips() {
		String secret = "s+e/c=r&e#t?%";
		this.simulator.registerApp("wx-odd-app", secret);

		JsonNode body = this.wechat.code2Session("wx-odd-app", secret, this.simulator.createCode("wx-odd-app", "o-x"));

		assertThat(body.get("openid").asString()).isEqualTo("o-x");
	}

	@Test
	void code2SessionWhenSameCodeExchangedConcurrentlyThenExactlyOneSucceedsAndOthers40163() throws Exception {
		String code = this.simulator.createCode(APP, "o-alice");
		int clients = 8;
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<JsonNode>> answers = new ArrayList<>();
			for (int i = 0; i < clients; i++) {
				answers.add(pool.submit(() -> {
					start.await();
					return this.wechat.code2Session(APP, SECRET, code);
				}));
			}
			start.countDown();
			List<Integer> errcodes = new ArrayList<>();
			for (Future<JsonNode> answer : answers) {
				errcodes.add(answer.get(10, TimeUnit.SECONDS).path("errcode").asInt(0));
			}

			assertThat(errcodes).containsOnly(0, 40163).containsOnlyOnce(0);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void codeWhenValueChosenTwiceThenRejected() {
		this.simulator.code(APP, "o-alice").value("same").create();

		assertThatIllegalArgumentException().isThrownBy(() -> this.simulator.code(APP, "o-bob").value("same").create());
	}

	@Test
	void createCodeThenWeChatShapedAndUnique() {
		Set<String> codes = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			codes.add(this.simulator.createCode(APP, "o-alice"));
		}

		assertThat(codes).hasSize(1000).allMatch((code) -> code.matches("[A-Za-z0-9]{32}"));
	}

	@Test
	void createCodeWhenAppNotRegisteredThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.simulator.createCode("wx-unknown", "o-alice"));
	}

	@Test
	void code2SessionWhenPostedThen404() {
		HttpResponse<String> response = this.wechat.post("/sns/jscode2session", query(APP, SECRET, "x"),
				"application/json", "{}");

		assertThat(response.statusCode()).isEqualTo(404);
	}

	@Test
	void unknownPathThen404() {
		assertThat(this.wechat.get("/sns/unknown", Map.of()).statusCode()).isEqualTo(404);
		assertThat(this.wechat.get("/", Map.of()).statusCode()).isEqualTo(404);
	}

	static void assertErrcode(JsonNode body, int errcode) {
		assertThat(body.path("errcode").asInt()).as("errcode of %s", body).isEqualTo(errcode);
		assertThat(body.get("errmsg").asString()).contains("rid: ");
	}

	private static Map<String, String> query(String appId, String secret, String code) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("appid", appId);
		query.put("secret", secret);
		query.put("js_code", code);
		query.put("grant_type", "authorization_code");
		return query;
	}

}
