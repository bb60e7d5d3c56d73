package io.github.wxlogin.test.it;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import io.github.wxlogin.test.simulator.WxSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several mini-programs served by one backend ({@code wx.login.apps.*}).
 */
@SpringBootTest(classes = LoginTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
class MultiAppEndToEndTests {

	static final String SHOP = "wx-shop-app";

	static final String GAME = "wx-game-app";

	static final WxSimulator wechat = WxSimulator.start()
		.registerApp(SHOP, "shop-secret", true)
		.registerApp(GAME, "game-secret", true);

	@DynamicPropertySource
	static void wechat(DynamicPropertyRegistry registry) {
		registry.add("wx.login.api-base-url", wechat::baseUrl);
		registry.add("wx.login.apps.shop.app-id", () -> SHOP);
		registry.add("wx.login.apps.shop.app-secret", () -> "shop-secret");
		registry.add("wx.login.apps.game.app-id", () -> GAME);
		registry.add("wx.login.apps.game.app-secret", () -> "game-secret");
	}

	@AfterAll
	static void stopWechat() {
		wechat.close();
	}

	@LocalServerPort
	int port;

	TestHttp http;

	@BeforeEach
	void setUp() {
		this.http = new TestHttp("http://127.0.0.1:" + this.port);
	}

	HttpResponse<String> login(String appId, String code) {
		return this.http.postJson("/wx/login", Map.of("appId", appId, "code", code));
	}

	@Test
	void loginWhenEachAppItsOwnCodeThenTokensCarryThatApp() {
		for (String app : new String[] { SHOP, GAME }) {
			HttpResponse<String> response = login(app, wechat.createCode(app, "o-multi"));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			String token = TestHttp.json(response).get("access_token").stringValue();
			JsonNode claims = LoginEndToEndTests.claims(token);
			assertThat(claims.get("appid").stringValue()).isEqualTo(app);
			assertThat(claims.get("aud").isArray() ? claims.get("aud").get(0).stringValue()
					: claims.get("aud").stringValue())
				.isEqualTo(app);
			assertThat(this.http.get("/api/me", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void loginWhenCodeOfAnotherAppThenInvalidCode() {
		HttpResponse<String> response = login(GAME, wechat.createCode(SHOP, "o-crossed"));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(TestHttp.json(response).get("error").stringValue()).isEqualTo("invalid_code");
	}

	@Test
	void loginWhenAppOmittedWithSeveralAppsThenUnknownApp() {
		HttpResponse<String> response = this.http.postJson("/wx/login",
				Map.of("code", wechat.createCode(SHOP, "o-which")));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(TestHttp.json(response).get("error").stringValue()).isEqualTo("unknown_app");
	}

	@Test
	void phoneWhenCodeOfAnotherAppThanTheTokensThenInvalidCode() {
		String gameToken = TestHttp.json(login(GAME, wechat.createCode(GAME, "o-phone-app")))
			.get("access_token")
			.stringValue();

		HttpResponse<String> own = this.http.postJson("/wx/phone",
				Map.of("code", wechat.createPhoneCode(GAME, "13700137000")), "Authorization", "Bearer " + gameToken);
		HttpResponse<String> other = this.http.postJson("/wx/phone",
				Map.of("code", wechat.createPhoneCode(SHOP, "13700137001")), "Authorization", "Bearer " + gameToken);

		assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
		assertThat(other.statusCode()).isEqualTo(401);
		assertThat(TestHttp.json(other).get("error").stringValue()).isEqualTo("invalid_code");
	}

	@Test
	void refreshWhenTokenOfOneAppNamedForTheOtherThenInvalidToken() {
		String refreshToken = TestHttp.json(login(SHOP, wechat.createCode(SHOP, "o-refresh-app")))
			.get("refresh_token")
			.stringValue();
		HttpResponse<String> response = this.http.postJson("/wx/token/refresh",
				Map.of("refresh_token", refreshToken, "appId", GAME));
		assertThat(response.statusCode()).isEqualTo(401);
	}

}
