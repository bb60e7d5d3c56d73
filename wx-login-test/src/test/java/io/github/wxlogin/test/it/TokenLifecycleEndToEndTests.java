package io.github.wxlogin.test.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
 * Refresh rotation with reuse detection, and logout, over real HTTP.
 */
@SpringBootTest(classes = LoginTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWxSimulator(apps = @App(appId = TokenLifecycleEndToEndTests.APP_ID, appSecret = "lifecycle-secret"),
		boundToOpenPlatform = false)
class TokenLifecycleEndToEndTests {

	static final String APP_ID = "wx-lifecycle-app";

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

	JsonNode login(String openid) {
		Response response = this.http.post("/wx/login", Map.of("code", this.wechat.createCode(APP_ID, openid)));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	Response refresh(String refreshToken) {
		return this.http.post("/wx/token/refresh", Map.of("refresh_token", refreshToken));
	}

	Response me(String accessToken) {
		return this.http.get("/api/me", "Authorization", "Bearer " + accessToken);
	}

	Response logout(String accessToken) {
		return this.http.post("/wx/logout", "", "Authorization", "Bearer " + accessToken);
	}

	static void assertInvalidToken(Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(401);
		assertThat(response.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(response.json().get("error").stringValue()).isEqualTo("invalid_token");
	}

	@Test
	void refreshWhenValidThenNewTokensOfTheSameShapeAndOldTokenStopsWorking() {
		JsonNode login = login("o-refresh");
		String first = login.get("refresh_token").stringValue();

		Response response = refresh(first);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.header("Cache-Control")).hasValue("no-store");
		JsonNode tokens = response.json();
		assertThat(tokens.get("token_type").stringValue()).isEqualTo("Bearer");
		assertThat(tokens.get("openid").stringValue()).isEqualTo("o-refresh");
		assertThat(tokens.get("expires_in").asLong()).isPositive();
		assertThat(tokens.get("refresh_expires_in").asLong()).isPositive();
		String second = tokens.get("refresh_token").stringValue();
		assertThat(second).isNotEqualTo(first);
		assertThat(tokens.get("access_token").stringValue()).isNotEqualTo(login.get("access_token").stringValue());
		assertThat(me(tokens.get("access_token").stringValue()).status()).isEqualTo(200);

		assertThat(refresh(second).status()).isEqualTo(200);
	}

	@Test
	void refreshWhenRotatedTokenReusedThenWholeLoginRevoked() {
		JsonNode login = login("o-theft");
		String stolen = login.get("refresh_token").stringValue();
		JsonNode legit = refresh(stolen).json();
		String successor = legit.get("refresh_token").stringValue();

		assertInvalidToken(refresh(stolen));

		assertInvalidToken(refresh(successor));
		assertInvalidToken(me(legit.get("access_token").stringValue()));
		assertInvalidToken(me(login.get("access_token").stringValue()));
	}

	@Test
	void refreshWhenSameTokenTwiceConcurrentlyThenExactlyOneSucceeds() throws Exception {
		String refreshToken = login("o-race").get("refresh_token").stringValue();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<CompletableFuture<Integer>> results = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				results.add(CompletableFuture.supplyAsync(() -> {
					try {
						start.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					return refresh(refreshToken).status();
				}, pool));
			}
			start.countDown();
			List<Integer> statuses = results.stream().map(CompletableFuture::join).sorted().toList();
			assertThat(statuses).containsExactly(200, 401);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void refreshWhenNotARefreshTokenThenInvalidToken() {
		JsonNode login = login("o-wrong-token");
		assertInvalidToken(refresh(login.get("access_token").stringValue()));
		assertInvalidToken(refresh("garbage"));
		assertInvalidToken(refresh("A".repeat(43)));
	}

	@Test
	void refreshWhenAnotherAppNamedThenInvalidToken() {
		String refreshToken = login("o-other-app").get("refresh_token").stringValue();
		assertInvalidToken(this.http.post("/wx/token/refresh",
				Map.of("refresh_token", refreshToken, "appId", "wx-some-other-app")));
	}

	@Test
	void refreshWhenMalformedThenInvalidRequest() {
		for (String body : List.of("not json", "{}", "{\"refresh_token\":\"\"}", "{\"refresh_token\":7}")) {
			Response response = this.http.post("/wx/token/refresh", body);
			assertThat(response.status()).as(body).isEqualTo(400);
			assertThat(response.json().get("error").stringValue()).isEqualTo("invalid_request");
		}
	}

	@Test
	void refreshWhenUserDisabledSinceLoginThenInvalidToken() {
		String refreshToken = login("o-disabled-later").get("refresh_token").stringValue();
		this.application.disabled.add("o-disabled-later");
		try {
			assertInvalidToken(refresh(refreshToken));
		}
		finally {
			this.application.disabled.remove("o-disabled-later");
		}
	}

	@Test
	void loginWhenUserDisabledThenAccessDenied() {
		this.application.disabled.add("o-disabled");
		try {
			Response response = this.http.post("/wx/login",
					Map.of("code", this.wechat.createCode(APP_ID, "o-disabled")));
			assertThat(response.status()).isEqualTo(403);
			assertThat(response.json().get("error").stringValue()).isEqualTo("access_denied");
		}
		finally {
			this.application.disabled.remove("o-disabled");
		}
	}

	@Test
	void logoutWhenBearerThenNoContentAndAccessAndRefreshTokensRevoked() {
		JsonNode login = login("o-logout");
		String accessToken = login.get("access_token").stringValue();

		Response response = logout(accessToken);

		assertThat(response.status()).isEqualTo(204);
		assertThat(response.body()).isEmpty();
		assertInvalidToken(me(accessToken));
		assertInvalidToken(refresh(login.get("refresh_token").stringValue()));
	}

	@Test
	void logoutWhenTokenWasServedFromCacheThenRejectedOnTheNextRequest() {
		String accessToken = login("o-cached").get("access_token").stringValue();
		assertThat(me(accessToken).status()).isEqualTo(200);
		assertThat(me(accessToken).status()).isEqualTo(200);

		assertThat(logout(accessToken).status()).isEqualTo(204);

		assertInvalidToken(me(accessToken));
	}

	@Test
	void logoutWhenOtherLoginsOfTheSameUserThenTheyKeepWorking() {
		JsonNode phone = login("o-two-devices");
		JsonNode tablet = login("o-two-devices");

		assertThat(logout(phone.get("access_token").stringValue()).status()).isEqualTo(204);

		assertThat(me(tablet.get("access_token").stringValue()).status()).isEqualTo(200);
		assertThat(refresh(tablet.get("refresh_token").stringValue()).status()).isEqualTo(200);
	}

	@Test
	void logoutWhenNoTokenThenUnauthorized() {
		assertInvalidToken(this.http.post("/wx/logout", ""));
	}

	@Test
	void logoutWhenRevokedTokenUsedAgainThenUnauthorized() {
		String accessToken = login("o-twice").get("access_token").stringValue();
		assertThat(logout(accessToken).status()).isEqualTo(204);
		assertInvalidToken(logout(accessToken));
	}

}
