package io.github.wxlogin.test.it;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
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
 * Expiry on the real clock with short lifetimes: an access token is refused once its
 * {@code exp} has passed (no clock skew), a refresh token after its time to live.
 */
@SpringBootTest(classes = LoginTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "wx.login.jwt.access-token-ttl=2s", "wx.login.jwt.refresh-token-ttl=3s" })
class TokenExpiryEndToEndTests {

	static final String APP_ID = "wx-expiry-app";

	static final WxSimulator wechat = WxSimulator.start().registerApp(APP_ID, "expiry-secret");

	@DynamicPropertySource
	static void wechat(DynamicPropertyRegistry registry) {
		registry.add("wx.login.api-base-url", wechat::baseUrl);
		registry.add("wx.login.app-id", () -> APP_ID);
		registry.add("wx.login.app-secret", () -> "expiry-secret");
	}

	@AfterAll
	static void stopWechat() {
		wechat.close();
	}

	@LocalServerPort
	int port;

	@Test
	void tokensWhenTheirLifetimeHasPassedThenRefused() throws InterruptedException {
		TestHttp http = new TestHttp("http://127.0.0.1:" + this.port);
		Instant loggedIn = Instant.now();
		HttpResponse<String> login = http.postJson("/wx/login", Map.of("code", wechat.createCode(APP_ID, "o-short")));
		JsonNode tokens = TestHttp.json(login);
		assertThat(tokens.get("expires_in").asLong()).isBetween(1L, 2L);
		assertThat(tokens.get("refresh_expires_in").asLong()).isBetween(2L, 3L);
		String accessToken = tokens.get("access_token").stringValue();
		Instant exp = Instant.ofEpochSecond(LoginEndToEndTests.claims(accessToken).get("exp").asLong());
		// served (and remembered by the verified-token cache) while valid
		assertThat(http.get("/api/me", "Authorization", "Bearer " + accessToken).statusCode()).isEqualTo(200);

		sleepUntil(exp.plusMillis(50));
		HttpResponse<String> expired = http.get("/api/me", "Authorization", "Bearer " + accessToken);
		assertThat(expired.statusCode()).isEqualTo(401);
		assertThat(TestHttp.json(expired).get("error").stringValue()).isEqualTo("invalid_token");

		// the refresh token lives 3 s from the login (to the millisecond; exp is in whole
		// seconds)
		sleepUntil(loggedIn.plusSeconds(3).plusMillis(100));
		HttpResponse<String> refresh = http.postJson("/wx/token/refresh",
				Map.of("refresh_token", tokens.get("refresh_token").stringValue()));
		assertThat(refresh.statusCode()).isEqualTo(401);
		assertThat(TestHttp.json(refresh).get("error").stringValue()).isEqualTo("invalid_token");
	}

	@Test
	void refreshWhenWithinItsLifetimeThenWorksAfterTheAccessTokenExpired() throws InterruptedException {
		TestHttp http = new TestHttp("http://127.0.0.1:" + this.port);
		JsonNode tokens = TestHttp
			.json(http.postJson("/wx/login", Map.of("code", wechat.createCode(APP_ID, "o-short-refresh"))));
		Instant exp = Instant
			.ofEpochSecond(LoginEndToEndTests.claims(tokens.get("access_token").stringValue()).get("exp").asLong());
		sleepUntil(exp.plusMillis(50));

		HttpResponse<String> refresh = http.postJson("/wx/token/refresh",
				Map.of("refresh_token", tokens.get("refresh_token").stringValue()));

		assertThat(refresh.statusCode()).as(refresh.body()).isEqualTo(200);
	}

	private static void sleepUntil(Instant instant) throws InterruptedException {
		Duration wait = Duration.between(Instant.now(), instant);
		if (!wait.isNegative()) {
			Thread.sleep(wait.toMillis() + 1);
		}
	}

}
