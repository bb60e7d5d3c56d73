package io.github.wxlogin.test.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import io.github.wxlogin.authentication.WxIdentity;
import io.github.wxlogin.test.AutoConfigureWxSimulator;
import io.github.wxlogin.test.AutoConfigureWxSimulator.App;
import io.github.wxlogin.test.WxTestClient;
import io.github.wxlogin.test.WxTestClient.Response;
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
@AutoConfigureWxSimulator(apps = { @App(appId = OpenDataEndToEndTests.APP, appSecret = "secret-a"),
		@App(appId = OpenDataEndToEndTests.COUNTED, appSecret = "secret-c"),
		@App(appId = OpenDataEndToEndTests.CONCURRENT, appSecret = "secret-d") }, boundToOpenPlatform = false)
class OpenDataEndToEndTests {

	static final String APP = "wx-open-a";

	static final String COUNTED = "wx-open-c";

	static final String CONCURRENT = "wx-open-d";

	@Autowired
	WxSimulator wechat;

	@LocalServerPort
	int port;

	@Autowired
	LoginTestApplication application;

	WxTestClient http;

	@BeforeEach
	void setUp() {
		this.http = WxTestClient.forPort(this.port);
	}

	@AfterEach
	void clearFaults() {
		this.wechat.clearFaults();
	}

	String login(String appId, String openid) {
		Response response = this.http.post("/wx/login",
				Map.of("appId", appId, "code", this.wechat.createCode(appId, openid)));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json().get("access_token").stringValue();
	}

	Response phone(String accessToken, Map<String, ?> body) {
		return this.http.post("/wx/phone", body, "Authorization", "Bearer " + accessToken);
	}

	static void assertProblem(Response response, int status, String error) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(response.json().get("error").stringValue()).isEqualTo(error);
	}

	@Test
	void phoneWhenCodeValidThenNumberWithStringCountryCodeAndApplicationToldOfIt() {
		String token = login(APP, "o-phone");

		Response response = phone(token, Map.of("code", this.wechat.createPhoneCode(APP, "13800138000")));

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode body = response.json();
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
		String victimsCode = this.wechat.createPhoneCode(APP, "o-phone-victim", "13800138077");

		assertProblem(phone(thief, Map.of("code", victimsCode)), 401, "invalid_code");

		Response own = phone(login(APP, "o-phone-victim"), Map.of("code", victimsCode));
		assertThat(own.status()).as(own.body()).isEqualTo(200);
		assertThat(own.json().get("phoneNumber").stringValue()).isEqualTo("13800138077");
	}

	@Test
	void phoneWhenFourCallsThenOneAccessTokenFetch() {
		String token = login(COUNTED, "o-counted");
		for (int i = 0; i < 4; i++) {
			assertThat(phone(token, Map.of("code", this.wechat.createPhoneCode(COUNTED, "1380013800" + i))).status())
				.isEqualTo(200);
		}
		assertThat(this.wechat.stableTokenFetchCount(COUNTED)).isEqualTo(1);

		this.wechat.invalidateAccessTokens(COUNTED);
		Response afterInvalidation = phone(token, Map.of("code", this.wechat.createPhoneCode(COUNTED, "13800138009")));

		assertThat(afterInvalidation.status()).as(afterInvalidation.body()).isEqualTo(200);
		assertThat(this.wechat.stableTokenFetchCount(COUNTED)).isEqualTo(2);
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
				String code = this.wechat.createPhoneCode(CONCURRENT, "1390013900" + i);
				results.add(CompletableFuture.supplyAsync(() -> {
					try {
						start.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					return phone(token, Map.of("code", code)).status();
				}, pool));
			}
			start.countDown();
			assertThat(results.stream().map(CompletableFuture::join)).containsOnly(200);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.wechat.stableTokenFetchCount(CONCURRENT)).isEqualTo(1);
	}

	@Test
	void phoneWhenCodeUsedTwiceThenInvalidCode() {
		String token = login(APP, "o-phone-twice");
		String code = this.wechat.createPhoneCode(APP, "13800138001");
		assertThat(phone(token, Map.of("code", code)).status()).isEqualTo(200);
		assertProblem(phone(token, Map.of("code", code)), 401, "invalid_code");
	}

	@Test
	void phoneWhenWechatFailsThenMappedProblem() {
		String token = login(APP, "o-phone-faults");
		this.wechat.failNext(WxSimulator.PHONE_NUMBER_PATH, Fault.RATE_LIMITED);
		assertProblem(phone(token, Map.of("code", this.wechat.createPhoneCode(APP, "13800138002"))), 429,
				"rate_limited");
		this.wechat.failNext(WxSimulator.PHONE_NUMBER_PATH, Fault.HTTP_500);
		assertProblem(phone(token, Map.of("code", this.wechat.createPhoneCode(APP, "13800138003"))), 503,
				"wechat_unavailable");
		this.wechat.failNext(WxSimulator.PHONE_NUMBER_PATH, Fault.BUSY);
		assertProblem(phone(token, Map.of("code", this.wechat.createPhoneCode(APP, "13800138004"))), 503,
				"wechat_unavailable");
	}

	@Test
	void phoneWhenLegacyDataOfTheCallerThenDecrypted() {
		String token = login(APP, "o-legacy");
		EncryptedData data = this.wechat.legacyPhone(APP, "o-legacy", "13580006666");

		Response response = phone(token, Map.of("encryptedData", data.encryptedData(), "iv", data.iv()));

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("phoneNumber").stringValue()).isEqualTo("13580006666");
		assertThat(response.json().get("countryCode").stringValue()).isEqualTo("86");
	}

	@Test
	void phoneWhenLegacyDataOfAnotherSessionThenInvalidEncryptedData() {
		login(APP, "o-victim");
		String token = login(APP, "o-attacker");
		EncryptedData victims = this.wechat.legacyPhone(APP, "o-victim", "13580007777");

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
		assertProblem(this.http.post("/wx/phone", Map.of("code", "c")), 401, "invalid_token");
	}

	@Test
	void profileWhenDataOfTheCallersSessionThenVerifiedDecryptedAndGivenToTheApplication() {
		String token = login(APP, "o-profile");
		Map<String, Object> profile = new LinkedHashMap<>();
		profile.put("nickName", "Pat");
		profile.put("gender", 2);
		UserData data = this.wechat.userInfo(APP, "o-profile", profile);

		Response response = this.http.post("/wx/profile", Map.of("encryptedData", data.encryptedData(), "iv", data.iv(),
				"rawData", data.rawData(), "signature", data.signature()), "Authorization", "Bearer " + token);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.get("nickName").stringValue()).isEqualTo("Pat");
		assertThat(body.has("watermark")).isFalse();
		WxIdentity told = this.application.identities.get(this.application.identities.size() - 1);
		assertThat(told.userInfo()).containsEntry("nickName", "Pat");
	}

	@Test
	void profileWhenDataOfAnotherSessionThenRefused() {
		login(APP, "o-profile-victim");
		String token = login(APP, "o-profile-attacker");
		UserData victims = this.wechat.userInfo(APP, "o-profile-victim", Map.of("nickName", "Victim"));

		Response signed = this.http.post("/wx/profile", Map.of("encryptedData", victims.encryptedData(), "iv",
				victims.iv(), "rawData", victims.rawData(), "signature", victims.signature()), "Authorization",
				"Bearer " + token);
		assertProblem(signed, 401, "invalid_signature");

		Response unsigned = this.http.post("/wx/profile",
				Map.of("encryptedData", victims.encryptedData(), "iv", victims.iv()), "Authorization",
				"Bearer " + token);
		assertProblem(unsigned, 401, "invalid_encrypted_data");
	}

}
