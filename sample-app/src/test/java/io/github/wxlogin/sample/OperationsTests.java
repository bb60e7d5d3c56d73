package io.github.wxlogin.sample;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import io.github.wxlogin.test.WxTestClient;
import io.github.wxlogin.test.WxTestClient.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's operations side: {@code /actuator/health} with the {@code wxLogin}
 * contributor and {@code /actuator/prometheus} with the {@code wx_login_*} series, on the
 * management port; problem+json for 404 and 405 on the application port.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OperationsTests {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	String login(WxTestClient http, String openid) {
		Response code = http.post("/demo/code", Map.of("openid", openid));
		return http.login(code.json().get("code").stringValue()).accessToken();
	}

	@Test
	void prometheusWhenLoggedInThenWxLoginSeriesScraped() {
		WxTestClient http = WxTestClient.forPort(this.port);
		String token = login(http, "o-ops-prometheus");
		http.get("/api/me", "Authorization", "Bearer " + token);

		Response scrape = WxTestClient.forPort(this.managementPort).get("/actuator/prometheus");

		assertThat(scrape.status()).isEqualTo(200);
		assertThat(scrape.body())
			.containsPattern("wx_login_logins_total\\{app=\"wx-demo-sample\",outcome=\"success\"\\} [1-9]")
			.containsPattern("wx_login_wechat_calls_seconds_count\\{api=\"code2Session\",outcome=\"success\"\\} [1-9]")
			.contains("wx_login_token_cache_lookups_total{result=\"miss\"}")
			.contains("spring_security_authentications")
			.doesNotContain("o-ops-prometheus");
	}

	@Test
	void healthThenUpWithWxLoginContributor() {
		Response health = WxTestClient.forPort(this.managementPort).get("/actuator/health");

		assertThat(health.status()).isEqualTo(200);
		JsonNode wxLogin = health.json().get("components").get("wxLogin");
		assertThat(wxLogin.get("status").stringValue()).isEqualTo("UP");
		assertThat(wxLogin.get("details").get("store").get("type").stringValue()).isEqualTo("memory");
		assertThat(wxLogin.get("details").get("apps").has("wx-demo-sample")).isTrue();
	}

	@Test
	void actuatorWhenOnApplicationPortThenNotServed() {
		assertThat(WxTestClient.forPort(this.port).get("/actuator/prometheus").status()).isIn(401, 404);
	}

	@Test
	void unknownPathAndWrongMethodThenProblems() {
		WxTestClient http = WxTestClient.forPort(this.port);
		String token = login(http, "o-ops-errors");
		Response notFound = http.get("/api/nothing", "Authorization", "Bearer " + token);
		assertThat(notFound.status()).isEqualTo(404);
		assertThat(notFound.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(notFound.json().get("error").stringValue()).isEqualTo("not_found");
		Response wrongMethod = http.post("/api/me", Map.of(), "Authorization", "Bearer " + token);
		assertThat(wrongMethod.status()).isEqualTo(405);
		assertThat(wrongMethod.json().get("error").stringValue()).isEqualTo("method_not_allowed");
		Response error = http.get("/error", "Authorization", "Bearer " + token);
		assertThat(error.status()).isEqualTo(404);
		assertThat(error.json().get("error").stringValue()).isEqualTo("not_found");
	}

}
