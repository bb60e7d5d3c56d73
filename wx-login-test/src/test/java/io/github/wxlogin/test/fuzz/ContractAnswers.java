package io.github.wxlogin.test.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The properties every fuzzed HTTP answer must have (CONTRACT.md §4): never a 500, an
 * error is {@code application/problem+json} with a contract {@code error} code matching
 * its status, and no answer holds a secret, a session_key or a stack trace.
 */
final class ContractAnswers {

	static final JsonMapper JSON = JsonMapper.shared();

	/**
	 * Every contract {@code error} code and its status, with the README's
	 * {@code access_denied}.
	 */
	static final Map<String, Integer> ERRORS = Map.ofEntries(Map.entry("invalid_request", 400),
			Map.entry("unknown_app", 400), Map.entry("invalid_code", 401), Map.entry("invalid_signature", 401),
			Map.entry("invalid_encrypted_data", 401), Map.entry("invalid_token", 401), Map.entry("access_denied", 403),
			Map.entry("risky_user", 403), Map.entry("rate_limited", 429), Map.entry("wechat_unavailable", 503),
			Map.entry("store_unavailable", 503));

	private ContractAnswers() {
	}

	/**
	 * Check the answer and return its JSON body.
	 * @param response the answer
	 * @param secrets strings that must not appear anywhere in it (app secret, session
	 * keys)
	 * @return the parsed body
	 */
	static JsonNode check(MockHttpServletResponse response, String... secrets) {
		String body = new String(response.getContentAsByteArray(), StandardCharsets.UTF_8);
		int status = response.getStatus();
		assertThat(status).as(body).isNotEqualTo(500);
		StringBuilder headers = new StringBuilder();
		for (String name : response.getHeaderNames()) {
			headers.append(name).append(": ").append(response.getHeaders(name)).append('\n');
		}
		for (String secret : secrets) {
			assertThat(body).doesNotContain(secret);
			assertThat(headers.toString()).doesNotContain(secret);
		}
		assertThat(body).doesNotContain("session_key", "Exception", "\tat ", "at io.github", "at org.springframework");
		assertThat(response.getHeader("Set-Cookie")).isNull();
		JsonNode json = JSON.readTree(body);
		if (status == 200) {
			assertThat(response.getContentType()).startsWith("application/json");
			return json;
		}
		assertThat(response.getContentType()).as("status %d: %s", status, body).startsWith("application/problem+json");
		assertThat(json.path("status").asInt()).isEqualTo(status);
		String error = json.path("error").asString();
		assertThat(ERRORS).as("error code").containsEntry(error, status);
		if (status == 429 || status == 503) {
			assertThat(response.getHeader("Retry-After")).as("Retry-After").isNotNull();
		}
		return json;
	}

}
