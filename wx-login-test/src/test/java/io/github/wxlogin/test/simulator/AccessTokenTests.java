package io.github.wxlogin.test.simulator;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.github.wxlogin.test.simulator.Code2SessionTests.assertErrcode;
import static org.assertj.core.api.Assertions.assertThat;

class AccessTokenTests {

	private static final String APP = "wx-test-app";

	private static final String SECRET = "test-secret";

	private WxSimulator simulator;

	private WeChatHttp wechat;

	@BeforeEach
	void start() {
		this.simulator = WxSimulator.start().registerApp(APP, SECRET);
		this.simulator.setClock(Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC));
		this.wechat = new WeChatHttp(this.simulator);
	}

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	@Test
	void stableTokenWhenNormalModeThenSameTokenWhileValid() {
		JsonNode first = this.wechat.stableToken(APP, SECRET, false);
		this.simulator.advanceTime(Duration.ofMinutes(30));
		JsonNode second = this.wechat.stableToken(APP, SECRET, false);

		assertThat(first.get("expires_in").asLong()).isEqualTo(7200);
		assertThat(first.get("access_token").asString()).hasSizeGreaterThan(64);
		assertThat(second.get("access_token").asString()).isEqualTo(first.get("access_token").asString());
		assertThat(second.get("expires_in").asLong()).isEqualTo(7200 - 1800);
		assertThat(this.simulator.stableTokenFetchCount(APP)).isEqualTo(2);
	}

	@Test
	void stableTokenWhenAnsweredThenJsonContentType() {
		HttpResponse<String> response = this.wechat.post("/cgi-bin/stable_token", Map.of(), "application/json",
				"{\"grant_type\":\"client_credential\",\"appid\":\"" + APP + "\",\"secret\":\"" + SECRET + "\"}");

		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(WeChatHttp.okJson(response).has("access_token")).isTrue();
	}

	@Test
	void stableTokenWhenForceRefreshThenNewTokenAndPreviousInvalidAtOnce() {
		String old = this.wechat.stableAccessToken(APP, SECRET);

		String fresh = this.wechat.stableToken(APP, SECRET, true).get("access_token").asString();

		assertThat(fresh).isNotEqualTo(old);
		assertErrcode(this.wechat.phoneNumber(old, this.simulator.createPhoneCode(APP, "13580006666")), 40001);
		assertThat(this.wechat.phoneNumber(fresh, this.simulator.createPhoneCode(APP, "13580006666"))
			.get("errcode")
			.asInt()).isZero();
		assertThat(this.wechat.stableAccessToken(APP, SECRET)).as("normal mode returns the forced token")
			.isEqualTo(fresh);
	}

	@Test
	void stableTokenWhenInLastFiveMinutesThenRotatedWithOldStillValid() {
		String old = this.wechat.stableAccessToken(APP, SECRET);
		this.simulator.advanceTime(Duration.ofSeconds(7200 - 299));

		String fresh = this.wechat.stableAccessToken(APP, SECRET);

		assertThat(fresh).isNotEqualTo(old);
		assertThat(
				this.wechat.phoneNumber(old, this.simulator.createPhoneCode(APP, "13580006666")).get("errcode").asInt())
			.isZero();
		this.simulator.advanceTime(Duration.ofSeconds(299));
		assertErrcode(this.wechat.phoneNumber(old, this.simulator.createPhoneCode(APP, "13580006666")), 42001);
		assertThat(this.wechat.phoneNumber(fresh, this.simulator.createPhoneCode(APP, "13580006666"))
			.get("errcode")
			.asInt()).isZero();
	}

	@Test
	void accessTokenWhenOlderThanTwoHoursThen42001() {
		String token = this.wechat.stableAccessToken(APP, SECRET);
		String code = this.simulator.createPhoneCode(APP, "13580006666");
		this.simulator.advanceTime(Duration.ofHours(2));

		assertErrcode(this.wechat.phoneNumber(token, code), 42001);
	}

	@Test
	void stableTokenFetchCountWhenTokenReusedThenOneFetchForFourCalls() {
		String token = this.wechat.stableAccessToken(APP, SECRET);
		for (int i = 0; i < 4; i++) {
			assertThat(this.wechat.phoneNumber(token, this.simulator.createPhoneCode(APP, "13580006666"))
				.get("errcode")
				.asInt()).isZero();
		}

		assertThat(this.simulator.stableTokenFetchCount(APP)).isEqualTo(1);
		assertThat(this.simulator.requestCount(WxSimulator.PHONE_NUMBER_PATH)).isEqualTo(4);
	}

	@Test
	void stableTokenFetchCountWhenRefusedThenNotCounted() {
		this.wechat.stableToken(APP, "wrong-secret", false);

		assertThat(this.simulator.stableTokenFetchCount(APP)).isZero();
		assertThat(this.simulator.requestCount(WxSimulator.STABLE_TOKEN_PATH)).isEqualTo(1);
	}

	@Test
	void stableTokenWhenFormEncodedThen41002() {
		HttpResponse<String> response = this.wechat.post("/cgi-bin/stable_token", Map.of(),
				"application/x-www-form-urlencoded", "grant_type=client_credential&appid=" + APP + "&secret=" + SECRET);

		assertErrcode(WeChatHttp.okJson(response), 41002);
	}

	@Test
	void stableTokenWhenEmptyBodyThen41002() {
		assertErrcode(WeChatHttp.okJson(this.wechat.post("/cgi-bin/stable_token", Map.of(), "application/json", "")),
				41002);
	}

	@Test
	void stableTokenWhenMalformedJsonThen47001() {
		HttpResponse<String> response = this.wechat.post("/cgi-bin/stable_token", Map.of(), "application/json",
				"{\"grant_type\":\"client_credential\",");

		assertErrcode(WeChatHttp.okJson(response), 47001);
	}

	@Test
	void stableTokenWhenGrantTypeWrongThen40002() {
		JsonNode body = this.wechat.postJson("/cgi-bin/stable_token", Map.of(),
				Map.of("grant_type", "authorization_code", "appid", APP, "secret", SECRET));

		assertErrcode(body, 40002);
	}

	@Test
	void stableTokenWhenAppidUnknownThen40013() {
		assertErrcode(this.wechat.stableToken("wx-unknown", SECRET, false), 40013);
	}

	@Test
	void stableTokenWhenSecretWrongThen40125() {
		assertErrcode(this.wechat.stableToken(APP, "wrong-secret", false), 40125);
	}

	@Test
	void stableTokenWhenAppidMissingThen41002() {
		JsonNode body = this.wechat.postJson("/cgi-bin/stable_token", Map.of(),
				Map.of("grant_type", "client_credential", "secret", SECRET));

		assertErrcode(body, 41002);
	}

	@Test
	void stableTokenWhenGetThen404() {
		assertThat(this.wechat.get("/cgi-bin/stable_token", Map.of()).statusCode()).isEqualTo(404);
	}

	@Test
	void tokenWhenFetchedAgainThenNewTokenAndPreviousValidFor300Seconds() {
		JsonNode first = this.wechat.classicToken(APP, SECRET);
		String firstToken = first.get("access_token").asString();
		String secondToken = this.wechat.classicToken(APP, SECRET).get("access_token").asString();

		assertThat(first.get("expires_in").asLong()).isEqualTo(7200);
		assertThat(secondToken).isNotEqualTo(firstToken);
		this.simulator.advanceTime(Duration.ofSeconds(299));
		assertThat(this.wechat.phoneNumber(firstToken, this.simulator.createPhoneCode(APP, "13580006666"))
			.get("errcode")
			.asInt()).isZero();
		this.simulator.advanceTime(Duration.ofSeconds(1));
		assertErrcode(this.wechat.phoneNumber(firstToken, this.simulator.createPhoneCode(APP, "13580006666")), 40001);
		assertThat(this.wechat.phoneNumber(secondToken, this.simulator.createPhoneCode(APP, "13580006666"))
			.get("errcode")
			.asInt()).isZero();
		assertThat(this.simulator.tokenFetchCount(APP)).isEqualTo(2);
	}

	@Test
	void tokenWhenFetchedTwiceMoreThenOldestInvalidAtOnce() {
		String first = this.wechat.classicToken(APP, SECRET).get("access_token").asString();
		String second = this.wechat.classicToken(APP, SECRET).get("access_token").asString();
		this.wechat.classicToken(APP, SECRET);

		assertErrcode(this.wechat.phoneNumber(first, this.simulator.createPhoneCode(APP, "13580006666")), 40001);
		assertThat(this.wechat.phoneNumber(second, this.simulator.createPhoneCode(APP, "13580006666"))
			.get("errcode")
			.asInt()).isZero();
	}

	@Test
	void tokenWhenFetchedThenStableTokenUnaffected() {
		String stable = this.wechat.stableAccessToken(APP, SECRET);

		this.wechat.classicToken(APP, SECRET);
		this.wechat.classicToken(APP, SECRET);
		this.simulator.advanceTime(Duration.ofMinutes(10));

		assertThat(this.wechat.phoneNumber(stable, this.simulator.createPhoneCode(APP, "13580006666"))
			.get("errcode")
			.asInt()).isZero();
		assertThat(this.wechat.stableAccessToken(APP, SECRET)).isEqualTo(stable);
	}

	@Test
	void tokenWhenErrorsThenWeChatCodes() {
		assertErrcode(
				this.wechat.getJson("/cgi-bin/token", Map.of("grant_type", "password", "appid", APP, "secret", SECRET)),
				40002);
		assertErrcode(this.wechat.classicToken("wx-unknown", SECRET), 40013);
		assertErrcode(this.wechat.classicToken(APP, "wrong-secret"), 40125);
		assertErrcode(this.wechat.getJson("/cgi-bin/token", Map.of("grant_type", "client_credential")), 41002);
		assertThat(this.simulator.tokenFetchCount(APP)).isZero();
	}

	@Test
	void invalidateAccessTokensThenCachedTokens40001AndNextStableTokenIsNew() {
		String stable = this.wechat.stableAccessToken(APP, SECRET);
		String classic = this.wechat.classicToken(APP, SECRET).get("access_token").asString();

		this.simulator.invalidateAccessTokens(APP);

		assertErrcode(this.wechat.phoneNumber(stable, this.simulator.createPhoneCode(APP, "13580006666")), 40001);
		assertErrcode(this.wechat.phoneNumber(classic, this.simulator.createPhoneCode(APP, "13580006666")), 40001);
		String fresh = this.wechat.stableAccessToken(APP, SECRET);
		assertThat(fresh).isNotEqualTo(stable);
		assertThat(this.wechat.phoneNumber(fresh, this.simulator.createPhoneCode(APP, "13580006666"))
			.get("errcode")
			.asInt()).isZero();
	}

	@Test
	void accessTokenWhenMissingThen41001() {
		JsonNode body = this.wechat.postJson(WxSimulator.PHONE_NUMBER_PATH, Map.of(),
				Map.of("code", this.simulator.createPhoneCode(APP, "13580006666")));

		assertErrcode(body, 41001);
	}

	@Test
	void accessTokenWhenUnknownThen40014() {
		assertErrcode(this.wechat.phoneNumber("not-a-token", this.simulator.createPhoneCode(APP, "13580006666")),
				40014);
	}

	@Test
	void stableTokenWhenForceRefreshGivenAsStringThenHonoured() {
		String old = this.wechat.stableAccessToken(APP, SECRET);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("grant_type", "client_credential");
		body.put("appid", APP);
		body.put("secret", SECRET);
		body.put("force_refresh", "true");

		String fresh = this.wechat.postJson(WxSimulator.STABLE_TOKEN_PATH, Map.of(), body)
			.get("access_token")
			.asString();

		assertThat(fresh).isNotEqualTo(old);
	}

}
