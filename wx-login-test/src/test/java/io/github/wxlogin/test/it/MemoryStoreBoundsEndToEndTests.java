package io.github.wxlogin.test.it;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import io.github.wxlogin.test.AutoConfigureWxSimulator;
import io.github.wxlogin.test.WxTestClient;
import io.github.wxlogin.test.WxTestClient.Response;
import io.github.wxlogin.test.simulator.WxSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The memory store at its bounds, over real HTTP: new logins are answered
 * {@code 503 store_unavailable} instead of pushing out what earlier logins depend on,
 * which keeps working, and a logout that cannot be recorded is refused, never lost.
 */
@SpringBootTest(classes = LoginTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "wx.login.memory.max-refresh-tokens=3", "wx.login.memory.max-revocations=1" })
@AutoConfigureWxSimulator
class MemoryStoreBoundsEndToEndTests {

	static final String APP_ID = AutoConfigureWxSimulator.DEFAULT_APP_ID;

	@Autowired
	WxSimulator wechat;

	@LocalServerPort
	int port;

	@Test
	void loginWhenRefreshTokensAtTheirBoundThenStoreUnavailableAndEarlierLoginsKept() {
		WxTestClient http = WxTestClient.forPort(this.port);
		JsonNode first = login(http, "o-bound-1").json();
		JsonNode second = login(http, "o-bound-2").json();
		JsonNode third = login(http, "o-bound-3").json();

		Response refused = login(http, "o-bound-4");
		assertThat(refused.status()).as(refused.body()).isEqualTo(503);
		assertThat(refused.json().get("error").stringValue()).isEqualTo("store_unavailable");
		assertThat(refused.header("Retry-After")).isPresent();
		assertThat(refused.body()).doesNotContain("memory store is full");

		// the earlier logins keep working; a rotation, which needs room too, is refused
		// without harm
		for (JsonNode tokens : new JsonNode[] { first, second, third }) {
			assertThat(
					http.get("/api/me", "Authorization", "Bearer " + tokens.get("access_token").stringValue()).status())
				.isEqualTo(200);
		}
		Response rotation = http.post("/wx/token/refresh",
				Map.of("refresh_token", first.get("refresh_token").stringValue()));
		assertThat(rotation.status()).as(rotation.body()).isEqualTo(503);

		// one revocation fits: the first logout holds; the next cannot be recorded and
		// says so
		String firstToken = "Bearer " + first.get("access_token").stringValue();
		assertThat(http.post("/wx/logout", "", "Authorization", firstToken).status()).isEqualTo(204);
		assertThat(http.get("/api/me", "Authorization", firstToken).status()).isEqualTo(401);
		String secondToken = "Bearer " + second.get("access_token").stringValue();
		Response logout = http.post("/wx/logout", "", "Authorization", secondToken);
		assertThat(logout.status()).as(logout.body()).isEqualTo(503);
		assertThat(http.get("/api/me", "Authorization", firstToken).status()).isEqualTo(401);
	}

	private Response login(WxTestClient http, String openid) {
		return http.post("/wx/login", Map.of("code", this.wechat.createCode(APP_ID, openid)));
	}

}
