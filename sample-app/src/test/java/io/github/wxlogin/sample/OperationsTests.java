package io.github.wxlogin.sample;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

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

	String login(SampleHttp http, String openid) {
		HttpResponse<String> code = http.post("/demo/code", Map.of("openid", openid));
		return http.login(SampleHttp.json(code).get("code").stringValue());
	}

	@Test
	void prometheusWhenLoggedInThenWxLoginSeriesScraped() {
		SampleHttp http = new SampleHttp(this.port);
		String token = login(http, "o-ops-prometheus");
		http.get("/api/me", "Authorization", "Bearer " + token);

		HttpResponse<String> scrape = new SampleHttp(this.managementPort).get("/actuator/prometheus");

		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body())
			.containsPattern("wx_login_logins_total\\{app=\"wx-demo-sample\",outcome=\"success\"\\} [1-9]")
			.containsPattern("wx_login_wechat_calls_seconds_count\\{api=\"code2Session\",outcome=\"success\"\\} [1-9]")
			.contains("wx_login_token_cache_lookups_total{result=\"miss\"}")
			.contains("spring_security_authentications")
			.doesNotContain("o-ops-prometheus");
	}

	@Test
	void healthThenUpWithWxLoginContributor() {
		HttpResponse<String> health = new SampleHttp(this.managementPort).get("/actuator/health");

		assertThat(health.statusCode()).isEqualTo(200);
		JsonNode wxLogin = SampleHttp.json(health).get("components").get("wxLogin");
		assertThat(wxLogin.get("status").stringValue()).isEqualTo("UP");
		assertThat(wxLogin.get("details").get("store").get("type").stringValue()).isEqualTo("memory");
		assertThat(wxLogin.get("details").get("apps").has("wx-demo-sample")).isTrue();
	}

	@Test
	void actuatorWhenOnApplicationPortThenNotServed() {
		assertThat(new SampleHttp(this.port).get("/actuator/prometheus").statusCode()).isIn(401, 404);
	}

	@Test
	void unknownPathAndWrongMethodThenProblems() {
		SampleHttp http = new SampleHttp(this.port);
		String token = login(http, "o-ops-errors");
		HttpResponse<String> notFound = http.get("/api/nothing", "Authorization", "Bearer " + token);
		assertThat(notFound.statusCode()).isEqualTo(404);
		assertThat(notFound.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(SampleHttp.json(notFound).get("error").stringValue()).isEqualTo("not_found");
		HttpResponse<String> wrongMethod = http.post("/api/me", Map.of(), "Authorization", "Bearer " + token);
		assertThat(wrongMethod.statusCode()).isEqualTo(405);
		assertThat(SampleHttp.json(wrongMethod).get("error").stringValue()).isEqualTo("method_not_allowed");
		HttpResponse<String> error = http.get("/error", "Authorization", "Bearer " + token);
		assertThat(error.statusCode()).isEqualTo(404);
		assertThat(SampleHttp.json(error).get("error").stringValue()).isEqualTo("not_found");
	}

}
