package io.github.wxlogin.test.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain HTTP client for the simulator, as the starter (or any WeChat client) would talk
 * to WeChat: query parameters URL-encoded, POST bodies as JSON.
 */
final class WeChatHttp {

	static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String baseUrl;

	WeChatHttp(WxSimulator simulator) {
		this.baseUrl = simulator.baseUrl();
	}

	HttpResponse<String> get(String path, Map<String, String> query) {
		return send(HttpRequest.newBuilder(uri(path, encode(query))).GET());
	}

	HttpResponse<String> getRaw(String path, String rawQuery) {
		return send(HttpRequest.newBuilder(uri(path, rawQuery)).GET());
	}

	HttpResponse<String> post(String path, Map<String, String> query, String contentType, String body) {
		return send(HttpRequest.newBuilder(uri(path, encode(query)))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/** GET, expecting HTTP 200 with a JSON body. */
	JsonNode getJson(String path, Map<String, String> query) {
		return okJson(get(path, query));
	}

	/** POST of a JSON body, expecting HTTP 200 with a JSON body. */
	JsonNode postJson(String path, Map<String, String> query, Object body) {
		return okJson(post(path, query, "application/json", json.writeValueAsString(body)));
	}

	JsonNode code2Session(String appId, String secret, String code) {
		return getJson("/sns/jscode2session",
				Map.of("appid", appId, "secret", secret, "js_code", code, "grant_type", "authorization_code"));
	}

	JsonNode stableToken(String appId, String secret, boolean forceRefresh) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("grant_type", "client_credential");
		body.put("appid", appId);
		body.put("secret", secret);
		body.put("force_refresh", forceRefresh);
		return postJson("/cgi-bin/stable_token", Map.of(), body);
	}

	String stableAccessToken(String appId, String secret) {
		JsonNode answer = stableToken(appId, secret, false);
		assertThat(answer.has("access_token")).as("stable_token answer %s", answer).isTrue();
		return answer.get("access_token").asString();
	}

	JsonNode classicToken(String appId, String secret) {
		return getJson("/cgi-bin/token", Map.of("grant_type", "client_credential", "appid", appId, "secret", secret));
	}

	JsonNode phoneNumber(String accessToken, String code) {
		return postJson("/wxa/business/getuserphonenumber", Map.of("access_token", accessToken), Map.of("code", code));
	}

	static JsonNode okJson(HttpResponse<String> response) {
		assertThat(response.statusCode()).as("HTTP status of %s", response.body()).isEqualTo(200);
		return json.readTree(response.body());
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private URI uri(String path, String rawQuery) {
		return URI.create(this.baseUrl + path + (rawQuery.isEmpty() ? "" : "?" + rawQuery));
	}

	private static String encode(Map<String, String> query) {
		return query.entrySet()
			.stream()
			.map((entry) -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

}
