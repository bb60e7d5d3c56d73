package io.github.wxlogin.test.it;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import io.github.wxlogin.authentication.WxIdentity;
import io.github.wxlogin.test.simulator.EncryptedData;
import io.github.wxlogin.test.simulator.Fault;
import io.github.wxlogin.test.simulator.UserData;
import io.github.wxlogin.test.simulator.WxSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Phone numbers and profiles over real HTTP: the app's access token from stable_token,
 * cached and fetched once, refreshed once when WeChat refuses it; legacy data decrypted
 * with the caller's own session key. Apps {@code c} and {@code d} are each used by one
 * test only, so their access-token fetch counts are exact.
 */
@SpringBootTest(classes = LoginTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "wx.login.http.read-timeout=1s")
class OpenDataEndToEndTests {

	static final String APP = "wx-open-a";

	static final String COUNTED = "wx-open-c";

	static final String CONCURRENT = "wx-open-d";

	static final WxSimulator wechat = WxSimulator.start()
		.registerApp(APP, "secret-a")
		.registerApp(COUNTED, "secret-c")
		.registerApp(CONCURRENT, "secret-d");

	@DynamicPropertySource
	static void wechat(DynamicPropertyRegistry registry) {
		registry.add("wx.login.api-base-url", wechat::baseUrl);
		registry.add("wx.login.apps.a.app-id", () -> APP);
		registry.add("wx.login.apps.a.app-secret", () -> "secret-a");
		registry.add("wx.login.apps.c.app-id", () -> COUNTED);
		registry.add("wx.login.apps.c.app-secret", () -> "secret-c");
		registry.add("wx.login.apps.d.app-id", () -> CONCURRENT);
		registry.add("wx.login.apps.d.app-secret", () -> "secret-d");
	}

	@AfterAll
	static void stopWechat() {
		wechat.close();
	}

	@LocalServerPort
	int port;

	@Autowired
	LoginTestApplication application;

	TestHttp http;

	@BeforeEach
	void setUp() {
		this.http = new TestHttp("http://127.0.0.1:" + this.port);
	}

	@AfterEach
	void clearFaults() {
		wechat.clearFaults();
	}

	String login(String appId, String openid) {
		HttpResponse<String> response = this.http.postJson("/wx/login",
				Map.of("appId", appId, "code", wechat.createCode(appId, openid)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return TestHttp.json(response).get("access_token").stringValue();
	}

	HttpResponse<String> phone(String accessToken, Map<String, ?> body) {
		return this.http.postJson("/wx/phone", body, "Authorization", "Bearer " + accessToken);
	}

	static void assertProblem(HttpResponse<String> response, int status, String error) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(TestHttp.json(response).get("error").stringValue()).isEqualTo(error);
	}

	@Test
	void phoneWhenCodeValidThenNumberWithStringCountryCodeAndApplicationToldOfIt() {
		String token = login(APP, "o-phone");

		HttpResponse<String> response = phone(token, Map.of("code", wechat.createPhoneCode(APP, "13800138000")));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = TestHttp.json(response);
		assertThat(body.get("phoneNumber").stringValue()).isEqualTo("13800138000");
		assertThat(body.get("purePhoneNumber").stringValue()).isEqualTo("13800138000");
		assertThat(body.get("countryCode").isString()).isTrue();
		assertThat(body.get("countryCode").stringValue()).isEqualTo("86");
		WxIdentity told = this.application.identities.get(this.application.identities.size() - 1);
		assertThat(told.openid()).isEqualTo("o-phone");
		assertThat(told.phoneNumber()).isNotNull();
		assertThat(told.phoneNumber().phoneNumber()).isEqualTo("13800138000");
	}

	@Test
	void phoneWhenCodeIssuedToAnotherUserThenInvalidCodeAndTheOwnerCanStillUseIt() {
		String thief = login(APP, "o-phone-thief");
		String victimsCode = wechat.createPhoneCode(APP, "o-phone-victim", "13800138077");

		assertProblem(phone(thief, Map.of("code", victimsCode)), 401, "invalid_code");

		HttpResponse<String> own = phone(login(APP, "o-phone-victim"), Map.of("code", victimsCode));
		assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
		assertThat(TestHttp.json(own).get("phoneNumber").stringValue()).isEqualTo("13800138077");
	}

	@Test
	void phoneWhenFourCallsThenOneAccessTokenFetch() {
		String token = login(COUNTED, "o-counted");
		for (int i = 0; i < 4; i++) {
			assertThat(phone(token, Map.of("code", wechat.createPhoneCode(COUNTED, "1380013800" + i))).statusCode())
				.isEqualTo(200);
		}
		assertThat(wechat.stableTokenFetchCount(COUNTED)).isEqualTo(1);

		wechat.invalidateAccessTokens(COUNTED);
		HttpResponse<String> afterInvalidation = phone(token,
				Map.of("code", wechat.createPhoneCode(COUNTED, "13800138009")));

		assertThat(afterInvalidation.statusCode()).as(afterInvalidation.body()).isEqualTo(200);
		assertThat(wechat.stableTokenFetchCount(COUNTED)).isEqualTo(2);
	}

	@Test
	void phoneWhenTenConcurrentFirstCallsThenOneAccessTokenFetch() throws Exception {
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			tokens.add(login(CONCURRENT, "o-concurrent-" + i));
		}
		ExecutorService pool = Executors.newFixedThreadPool(10);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<CompletableFuture<Integer>> results = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				String token = tokens.get(i);
				String code = wechat.createPhoneCode(CONCURRENT, "1390013900" + i);
				results.add(CompletableFuture.supplyAsync(() -> {
					try {
						start.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					return phone(token, Map.of("code", code)).statusCode();
				}, pool));
			}
			start.countDown();
			assertThat(results.stream().map(CompletableFuture::join)).containsOnly(200);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(wechat.stableTokenFetchCount(CONCURRENT)).isEqualTo(1);
	}

	@Test
	void phoneWhenCodeUsedTwiceThenInvalidCode() {
		String token = login(APP, "o-phone-twice");
		String code = wechat.createPhoneCode(APP, "13800138001");
		assertThat(phone(token, Map.of("code", code)).statusCode()).isEqualTo(200);
		assertProblem(phone(token, Map.of("code", code)), 401, "invalid_code");
	}

	@Test
	void phoneWhenWechatFailsThenMappedProblem() {
		String token = login(APP, "o-phone-faults");
		wechat.failNext(WxSimulator.PHONE_NUMBER_PATH, Fault.RATE_LIMITED);
		assertProblem(phone(token, Map.of("code", wechat.createPhoneCode(APP, "13800138002"))), 429, "rate_limited");
		wechat.failNext(WxSimulator.PHONE_NUMBER_PATH, Fault.HTTP_500);
		assertProblem(phone(token, Map.of("code", wechat.createPhoneCode(APP, "13800138003"))), 503,
				"wechat_unavailable");
		wechat.failNext(WxSimulator.PHONE_NUMBER_PATH, Fault.BUSY);
		assertProblem(phone(token, Map.of("code", wechat.createPhoneCode(APP, "13800138004"))), 503,
				"wechat_unavailable");
	}

	@Test
	void phoneWhenLegacyDataOfTheCallerThenDecrypted() {
		String token = login(APP, "o-legacy");
		EncryptedData data = wechat.legacyPhone(APP, "o-legacy", "13580006666");

		HttpResponse<String> response = phone(token, Map.of("encryptedData", data.encryptedData(), "iv", data.iv()));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(TestHttp.json(response).get("phoneNumber").stringValue()).isEqualTo("13580006666");
		assertThat(TestHttp.json(response).get("countryCode").stringValue()).isEqualTo("86");
	}

	@Test
	void phoneWhenLegacyDataOfAnotherSessionThenInvalidEncryptedData() {
		login(APP, "o-victim");
		String token = login(APP, "o-attacker");
		EncryptedData victims = wechat.legacyPhone(APP, "o-victim", "13580007777");

		assertProblem(phone(token, Map.of("encryptedData", victims.encryptedData(), "iv", victims.iv())), 401,
				"invalid_encrypted_data");
	}

	@Test
	void phoneWhenMalformedOrAnonymousThenRefused() {
		String token = login(APP, "o-phone-bad");
		assertProblem(phone(token, Map.of()), 400, "invalid_request");
		assertProblem(phone(token, Map.of("code", "c", "encryptedData", "AAAA", "iv", "AAAA")), 400, "invalid_request");
		assertProblem(phone(token, Map.of("encryptedData", "AAAAAAAAAAAAAAAAAAAAAA==", "iv", "AAAA")), 400,
				"invalid_request");
		assertProblem(this.http.postJson("/wx/phone", Map.of("code", "c")), 401, "invalid_token");
	}

	@Test
	void profileWhenDataOfTheCallersSessionThenVerifiedDecryptedAndGivenToTheApplication() {
		String token = login(APP, "o-profile");
		Map<String, Object> profile = new LinkedHashMap<>();
		profile.put("nickName", "Pat");
		profile.put("gender", 2);
		UserData data = wechat.userInfo(APP, "o-profile", profile);

		HttpResponse<String> response = this.http.postJson("/wx/profile", Map.of("encryptedData", data.encryptedData(),
				"iv", data.iv(), "rawData", data.rawData(), "signature", data.signature()), "Authorization",
				"Bearer " + token);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode body = TestHttp.json(response);
		assertThat(body.get("nickName").stringValue()).isEqualTo("Pat");
		assertThat(body.has("watermark")).isFalse();
		WxIdentity told = this.application.identities.get(this.application.identities.size() - 1);
		assertThat(told.userInfo()).containsEntry("nickName", "Pat");
	}

	@Test
	void profileWhenDataOfAnotherSessionThenRefused() {
		login(APP, "o-profile-victim");
		String token = login(APP, "o-profile-attacker");
		UserData victims = wechat.userInfo(APP, "o-profile-victim", Map.of("nickName", "Victim"));

		HttpResponse<String> signed = this.http.postJson("/wx/profile", Map.of("encryptedData", victims.encryptedData(),
				"iv", victims.iv(), "rawData", victims.rawData(), "signature", victims.signature()), "Authorization",
				"Bearer " + token);
		assertProblem(signed, 401, "invalid_signature");

		HttpResponse<String> unsigned = this.http.postJson("/wx/profile",
				Map.of("encryptedData", victims.encryptedData(), "iv", victims.iv()), "Authorization",
				"Bearer " + token);
		assertProblem(unsigned, 401, "invalid_encrypted_data");
	}

}
