package io.github.wxlogin.test.simulator;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.github.wxlogin.test.simulator.Code2SessionTests.assertErrcode;
import static org.assertj.core.api.Assertions.assertThat;

class PhoneNumberTests {

	private static final String APP = "wx-test-app";

	private static final String SECRET = "test-secret";

	private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

	private WxSimulator simulator;

	private WeChatHttp wechat;

	private String accessToken;

	@BeforeEach
	void start() {
		this.simulator = WxSimulator.start().registerApp(APP, SECRET).registerApp("wx-other-app", "other-secret");
		this.simulator.setClock(Clock.fixed(NOW, ZoneOffset.UTC));
		this.wechat = new WeChatHttp(this.simulator);
		this.accessToken = this.wechat.stableAccessToken(APP, SECRET);
	}

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	@Test
	void phoneNumberWhenCodeValidThenPhoneInfoWithWatermark() {
		String code = this.simulator.createPhoneCode(APP, "13580006666");
		this.simulator.advanceTime(Duration.ofSeconds(10));

		HttpResponse<String> response = this.wechat.post(WxSimulator.PHONE_NUMBER_PATH,
				Map.of("access_token", this.accessToken), "application/json", "{\"code\":\"" + code + "\"}");

		JsonNode body = WeChatHttp.okJson(response);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		assertThat(body.get("errcode").asInt()).isZero();
		assertThat(body.get("errmsg").asString()).isEqualTo("ok");
		JsonNode info = body.get("phone_info");
		assertThat(info.get("phoneNumber").asString()).isEqualTo("13580006666");
		assertThat(info.get("purePhoneNumber").asString()).isEqualTo("13580006666");
		assertThat(info.get("countryCode").isString()).isTrue();
		assertThat(info.get("countryCode").asString()).isEqualTo("86");
		assertThat(info.get("watermark").get("appid").asString()).isEqualTo(APP);
		assertThat(info.get("watermark").get("timestamp").asLong()).as("time of the user's action")
			.isEqualTo(NOW.getEpochSecond());
	}

	@Test
	void phoneNumberWhenForeignNumberThenThreeForms() {
		String code = this.simulator.createPhoneCode(APP, new PhoneNumber("+1 4155552671", "4155552671", "1"));

		JsonNode info = this.wechat.phoneNumber(this.accessToken, code).get("phone_info");

		assertThat(info.get("phoneNumber").asString()).isEqualTo("+1 4155552671");
		assertThat(info.get("purePhoneNumber").asString()).isEqualTo("4155552671");
		assertThat(info.get("countryCode").asString()).isEqualTo("1");
	}

	@Test
	void phoneNumberWhenCodeReusedThen40029() {
		String code = this.simulator.createPhoneCode(APP, "13580006666");
		this.wechat.phoneNumber(this.accessToken, code);

		assertErrcode(this.wechat.phoneNumber(this.accessToken, code), 40029);
	}

	@Test
	void phoneNumberWhenCodeOlderThanFiveMinutesThen40029() {
		String code = this.simulator.createPhoneCode(APP, "13580006666");
		this.simulator.advanceTime(Duration.ofMinutes(5));

		assertErrcode(this.wechat.phoneNumber(this.accessToken, code), 40029);
	}

	@Test
	void phoneNumberWhenCodeOfAnotherAppThen40029AndCodeStaysValidForItsApp() {
		String code = this.simulator.createPhoneCode("wx-other-app", "13580006666");

		assertErrcode(this.wechat.phoneNumber(this.accessToken, code), 40029);
		String otherToken = this.wechat.stableAccessToken("wx-other-app", "other-secret");
		assertThat(this.wechat.phoneNumber(otherToken, code).get("errcode").asInt()).isZero();
	}

	@Test
	void phoneNumberWhenLoginCodeGivenThen40029() {
		String loginCode = this.simulator.createCode(APP, "o-alice");

		assertErrcode(this.wechat.phoneNumber(this.accessToken, loginCode), 40029);
	}

	@Test
	void phoneNumberWhenCodeBoundToUserAndOtherOpenidThen40029AndCodeStillGoodForItsUser() {
		String code = this.simulator.createPhoneCode(APP, "o-alice", "13580006666");

		assertErrcode(this.wechat.postJson(WxSimulator.PHONE_NUMBER_PATH, Map.of("access_token", this.accessToken),
				Map.of("code", code, "openid", "o-mallory")), 40029);
		JsonNode own = this.wechat.postJson(WxSimulator.PHONE_NUMBER_PATH, Map.of("access_token", this.accessToken),
				Map.of("code", code, "openid", "o-alice"));
		assertThat(own.get("errcode").asInt()).isZero();
		assertThat(own.get("phone_info").get("phoneNumber").asString()).isEqualTo("13580006666");
	}

	@Test
	void phoneNumberWhenCodeBoundToNoUserThenAnyOpenidAccepted() {
		String code = this.simulator.createPhoneCode(APP, "13580006666");

		JsonNode body = this.wechat.postJson(WxSimulator.PHONE_NUMBER_PATH, Map.of("access_token", this.accessToken),
				Map.of("code", code, "openid", "o-anyone"));

		assertThat(body.get("errcode").asInt()).isZero();
	}

	@Test
	void phoneNumberWhenFormEncodedThen47001() {
		HttpResponse<String> response = this.wechat.post(WxSimulator.PHONE_NUMBER_PATH,
				Map.of("access_token", this.accessToken), "application/x-www-form-urlencoded",
				"code=" + this.simulator.createPhoneCode(APP, "13580006666"));

		assertErrcode(WeChatHttp.okJson(response), 47001);
	}

	@Test
	void phoneNumberWhenCodeMissingThen41008() {
		JsonNode body = this.wechat.postJson(WxSimulator.PHONE_NUMBER_PATH, Map.of("access_token", this.accessToken),
				Map.of());

		assertErrcode(body, 41008);
	}

	@Test
	void phoneNumberWhenTokenBadThenCodeStaysUnused() {
		String code = this.simulator.createPhoneCode(APP, "13580006666");

		assertErrcode(this.wechat.phoneNumber("not-a-token", code), 40014);
		assertThat(this.wechat.phoneNumber(this.accessToken, code).get("errcode").asInt()).isZero();
	}

}
