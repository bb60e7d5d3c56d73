package io.github.wxlogin.test.it;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.wxlogin.store.UsedCodeStore;
import io.github.wxlogin.test.AutoConfigureWxSimulator;
import io.github.wxlogin.test.AutoConfigureWxSimulator.App;
import io.github.wxlogin.test.WxTestClient;
import io.github.wxlogin.test.WxTestClient.Response;
import io.github.wxlogin.test.simulator.UserData;
import io.github.wxlogin.test.simulator.WxSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The abuse limits over real HTTP with the simulator, on small limits: over a limit the
 * answer is {@code 429 rate_limited} with {@code Retry-After}, and WeChat is not called.
 * Every request comes from 127.0.0.1, so the per-address limits are tested last; each
 * other test has its own app or user.
 */
@SpringBootTest(classes = LoginTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "wx.login.limits.login-failures.max=3", "wx.login.limits.refresh-failures.max=3",
				"wx.login.limits.code2session.max=5", "wx.login.limits.code2session.window=1m",
				"wx.login.limits.data-failures.max=2", "wx.login.limits.phone-calls.max=2" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@AutoConfigureWxSimulator(apps = { @App(appId = LimitsEndToEndTests.JUNK, appSecret = "secret-j"),
		@App(appId = LimitsEndToEndTests.CAPPED, appSecret = "secret-c"),
		@App(appId = LimitsEndToEndTests.DATA, appSecret = "secret-d"),
		@App(appId = LimitsEndToEndTests.PHONE, appSecret = "secret-p") }, boundToOpenPlatform = false)
class LimitsEndToEndTests {

	static final String JUNK = "wx-limits-junk";

	static final String CAPPED = "wx-limits-capped";

	static final String DATA = "wx-limits-data";

	static final String PHONE = "wx-limits-phone";

	@Autowired
	WxSimulator wechat;

	@LocalServerPort
	int port;

	@Autowired
	UsedCodeStore usedCodes;

	WxTestClient http() {
		return WxTestClient.forPort(this.port);
	}

	Response login(String appId, String code) {
		return http().post("/wx/login", Map.of("appId", appId, "code", code));
	}

	String accessToken(String appId, String openid) {
		Response response = login(appId, this.wechat.createCode(appId, openid));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().get("access_token").stringValue();
	}

	static void assertRateLimited(Response response) {
		OpenDataEndToEndTests.assertProblem(response, 429, "rate_limited");
		assertThat(Long.parseLong(response.header("Retry-After").orElseThrow())).isPositive();
	}

	@Test
	@Order(1)
	void loginWhenCode2SessionCapReachedThenRateLimitedWithoutCallingWechatAndCodeStillGood() {
		for (int i = 0; i < 5; i++) {
			assertThat(login(CAPPED, this.wechat.createCode(CAPPED, "o-capped-" + i)).status()).isEqualTo(200);
		}
		long calls = this.wechat.requestCount(WxSimulator.CODE2SESSION_PATH);
		String code = this.wechat.createCode(CAPPED, "o-capped-late");

		Response refused = login(CAPPED, code);
		assertRateLimited(refused);
		assertThat(this.wechat.requestCount(WxSimulator.CODE2SESSION_PATH)).isEqualTo(calls);

		// WeChat was not asked, so the code was given back: still good for a retry
		assertThat(this.usedCodes.claim(CAPPED, code, Duration.ofMinutes(1))).isTrue();
		this.usedCodes.release(CAPPED, code);
	}

	@Test
	@Order(2)
	void profileWhenDataFailuresReachedThenRateLimitedEvenForGoodData() {
		String token = accessToken(DATA, "o-data");
		UserData good = this.wechat.userInfo(DATA, "o-data", Map.of("nickName", "Pat"));
		Map<String, String> junk = Map.of("encryptedData", "AAAAAAAAAAAAAAAAAAAAAA==", "iv",
				"AAAAAAAAAAAAAAAAAAAAAA==");
		for (int i = 0; i < 2; i++) {
			OpenDataEndToEndTests.assertProblem(http().post("/wx/profile", junk, "Authorization", "Bearer " + token),
					401, "invalid_encrypted_data");
		}

		assertRateLimited(http().post("/wx/profile", Map.of("encryptedData", good.encryptedData(), "iv", good.iv(),
				"rawData", good.rawData(), "signature", good.signature()), "Authorization", "Bearer " + token));
		// another user is not affected
		String other = accessToken(DATA, "o-data-other");
		UserData othersData = this.wechat.userInfo(DATA, "o-data-other", Map.of("nickName", "Sam"));
		assertThat(http()
			.post("/wx/profile", Map.of("encryptedData", othersData.encryptedData(), "iv", othersData.iv()),
					"Authorization", "Bearer " + other)
			.status()).isEqualTo(200);
	}

	@Test
	@Order(3)
	void phoneWhenCallsPerUserReachedThenRateLimitedWithoutCallingWechat() {
		String token = accessToken(PHONE, "o-phone");
		for (int i = 0; i < 2; i++) {
			assertThat(http()
				.post("/wx/phone", Map.of("code", this.wechat.createPhoneCode(PHONE, "o-phone", "1380013800" + i)),
						"Authorization", "Bearer " + token)
				.status()).isEqualTo(200);
		}
		long calls = this.wechat.requestCount(WxSimulator.PHONE_NUMBER_PATH);

		assertRateLimited(
				http().post("/wx/phone", Map.of("code", this.wechat.createPhoneCode(PHONE, "o-phone", "13800138009")),
						"Authorization", "Bearer " + token));
		assertThat(this.wechat.requestCount(WxSimulator.PHONE_NUMBER_PATH)).isEqualTo(calls);
	}

	@Test
	@Order(4)
	void refreshWhenFailuresFromAddressReachedThenRateLimitedEvenForGoodToken() {
		Response login = login(JUNK, this.wechat.createCode(JUNK, "o-refresh"));
		String refreshToken = login.json().get("refresh_token").stringValue();
		for (int i = 0; i < 3; i++) {
			OpenDataEndToEndTests.assertProblem(http().post("/wx/token/refresh", Map.of("refresh_token", "junk-" + i)),
					401, "invalid_token");
		}

		assertRateLimited(http().post("/wx/token/refresh", Map.of("refresh_token", refreshToken)));
	}

	@Test
	@Order(5)
	void loginWhenFailuresFromAddressReachedThenRateLimitedWithoutCallingWechat() {
		for (int i = 0; i < 3; i++) {
			OpenDataEndToEndTests.assertProblem(login(JUNK, "junk-code-" + i), 401, "invalid_code");
		}
		long calls = this.wechat.requestCount(WxSimulator.CODE2SESSION_PATH);

		assertRateLimited(login(JUNK, "junk-code-more"));
		// a good code from that address too: only failures are counted, but once over,
		// the address waits
		assertRateLimited(login(JUNK, this.wechat.createCode(JUNK, "o-late")));
		assertThat(this.wechat.requestCount(WxSimulator.CODE2SESSION_PATH)).isEqualTo(calls);
	}

}
