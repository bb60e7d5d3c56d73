package io.github.wxlogin.test.it;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import io.github.wxlogin.test.AutoConfigureWxSimulator;
import io.github.wxlogin.test.AutoConfigureWxSimulator.App;
import io.github.wxlogin.test.WxTestClient;
import io.github.wxlogin.test.WxTestClient.Response;
import io.github.wxlogin.test.simulator.WxSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several mini-programs served by one backend ({@code wx.login.apps.*}).
 */
@SpringBootTest(classes = LoginTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWxSimulator(apps = { @App(appId = MultiAppEndToEndTests.SHOP, appSecret = "shop-secret"),
		@App(appId = MultiAppEndToEndTests.GAME, appSecret = "game-secret") })
class MultiAppEndToEndTests {

	static final String SHOP = "wx-shop-app";

	static final String GAME = "wx-game-app";

	@Autowired
	WxSimulator wechat;

	@LocalServerPort
	int port;

	WxTestClient http;

	@BeforeEach
	void setUp() {
		this.http = WxTestClient.forPort(this.port);
	}

	Response login(String appId, String code) {
		return this.http.post("/wx/login", Map.of("appId", appId, "code", code));
	}

	@Test
	void loginWhenEachAppItsOwnCodeThenTokensCarryThatApp() {
		for (String app : new String[] { SHOP, GAME }) {
			Response response = login(app, this.wechat.createCode(app, "o-multi"));
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			String token = response.json().get("access_token").stringValue();
			JsonNode claims = LoginEndToEndTests.claims(token);
			assertThat(claims.get("appid").stringValue()).isEqualTo(app);
			assertThat(claims.get("aud").isArray() ? claims.get("aud").get(0).stringValue()
					: claims.get("aud").stringValue())
				.isEqualTo(app);
			assertThat(this.http.get("/api/me", "Authorization", "Bearer " + token).status()).isEqualTo(200);
		}
	}

	@Test
	void loginWhenCodeOfAnotherAppThenInvalidCode() {
		Response response = login(GAME, this.wechat.createCode(SHOP, "o-crossed"));
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.json().get("error").stringValue()).isEqualTo("invalid_code");
	}

	@Test
	void loginWhenAppOmittedWithSeveralAppsThenUnknownApp() {
		Response response = this.http.post("/wx/login", Map.of("code", this.wechat.createCode(SHOP, "o-which")));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").stringValue()).isEqualTo("unknown_app");
	}

	@Test
	void phoneWhenCodeOfAnotherAppThanTheTokensThenInvalidCode() {
		String gameToken = login(GAME, this.wechat.createCode(GAME, "o-phone-app")).json()
			.get("access_token")
			.stringValue();

		Response own = this.http.post("/wx/phone", Map.of("code", this.wechat.createPhoneCode(GAME, "13700137000")),
				"Authorization", "Bearer " + gameToken);
		Response other = this.http.post("/wx/phone", Map.of("code", this.wechat.createPhoneCode(SHOP, "13700137001")),
				"Authorization", "Bearer " + gameToken);

		assertThat(own.status()).as(own.body()).isEqualTo(200);
		assertThat(other.status()).isEqualTo(401);
		assertThat(other.json().get("error").stringValue()).isEqualTo("invalid_code");
	}

	@Test
	void refreshWhenTokenOfOneAppNamedForTheOtherThenInvalidToken() {
		String refreshToken = login(SHOP, this.wechat.createCode(SHOP, "o-refresh-app")).json()
			.get("refresh_token")
			.stringValue();
		Response response = this.http.post("/wx/token/refresh", Map.of("refresh_token", refreshToken, "appId", GAME));
		assertThat(response.status()).isEqualTo(401);
	}

}
