package io.github.wxlogin.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP over loopback to the sample app.
 */
final class SampleHttp {

	static final JsonMapper JSON = JsonMapper.shared();

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	SampleHttp(int port) {
		this.baseUrl = "http://127.0.0.1:" + port;
	}

	HttpResponse<String> post(String path, Map<String, ?> body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.build());
	}

	HttpResponse<String> get(String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(20))
			.GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.build());
	}

	/**
	 * Logs in with a code and answers the access token.
	 */
	String login(String code) {
		HttpResponse<String> response = post("/wx/login", Map.of("code", code));
		if (response.statusCode() != 200) {
			throw new AssertionError("login failed: " + response.statusCode() + " " + response.body());
		}
		return json(response).get("access_token").stringValue();
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

}
