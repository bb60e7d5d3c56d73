package io.github.wxlogin.test.it;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

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
 * Expiry on the real clock with short lifetimes: an access token is refused once its
 * {@code exp} has passed (no clock skew), a refresh token after its time to live.
 */
@SpringBootTest(classes = LoginTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "wx.login.jwt.access-token-ttl=2s", "wx.login.jwt.refresh-token-ttl=3s" })
@AutoConfigureWxSimulator(apps = @App(appId = TokenExpiryEndToEndTests.APP_ID, appSecret = "expiry-secret"),
		boundToOpenPlatform = false)
class TokenExpiryEndToEndTests {

	static final String APP_ID = "wx-expiry-app";

	@Autowired
	WxSimulator wechat;

	@LocalServerPort
	int port;

	@Test
	void tokensWhenTheirLifetimeHasPassedThenRefused() throws InterruptedException {
		WxTestClient http = WxTestClient.forPort(this.port);
		Instant loggedIn = Instant.now();
		Response login = http.post("/wx/login", Map.of("code", this.wechat.createCode(APP_ID, "o-short")));
		JsonNode tokens = login.json();
		assertThat(tokens.get("expires_in").asLong()).isBetween(1L, 2L);
		assertThat(tokens.get("refresh_expires_in").asLong()).isBetween(2L, 3L);
		String accessToken = tokens.get("access_token").stringValue();
		Instant exp = Instant.ofEpochSecond(LoginEndToEndTests.claims(accessToken).get("exp").asLong());
		// served (and remembered by the verified-token cache) while valid
		assertThat(http.get("/api/me", "Authorization", "Bearer " + accessToken).status()).isEqualTo(200);

		sleepUntil(exp.plusMillis(50));
		Response expired = http.get("/api/me", "Authorization", "Bearer " + accessToken);
		assertThat(expired.status()).isEqualTo(401);
		assertThat(expired.json().get("error").stringValue()).isEqualTo("invalid_token");

		// the refresh token lives 3 s from the login (to the millisecond; exp is in whole
		// seconds)
		sleepUntil(loggedIn.plusSeconds(3).plusMillis(100));
		Response refresh = http.post("/wx/token/refresh",
				Map.of("refresh_token", tokens.get("refresh_token").stringValue()));
		assertThat(refresh.status()).isEqualTo(401);
		assertThat(refresh.json().get("error").stringValue()).isEqualTo("invalid_token");
	}

	@Test
	void refreshWhenWithinItsLifetimeThenWorksAfterTheAccessTokenExpired() throws InterruptedException {
		WxTestClient http = WxTestClient.forPort(this.port);
		JsonNode tokens = http.post("/wx/login", Map.of("code", this.wechat.createCode(APP_ID, "o-short-refresh")))
			.json();
		Instant exp = Instant
			.ofEpochSecond(LoginEndToEndTests.claims(tokens.get("access_token").stringValue()).get("exp").asLong());
		sleepUntil(exp.plusMillis(50));

		Response refresh = http.post("/wx/token/refresh",
				Map.of("refresh_token", tokens.get("refresh_token").stringValue()));

		assertThat(refresh.status()).as(refresh.body()).isEqualTo(200);
	}

	private static void sleepUntil(Instant instant) throws InterruptedException {
		Duration wait = Duration.between(Instant.now(), instant);
		if (!wait.isNegative()) {
			Thread.sleep(wait.toMillis() + 1);
		}
	}

}
