package io.github.wxlogin.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.wxlogin.test.simulator.WxSimulator;

/**
 * Real HTTP to a running application that uses the wx-login starter, for black-box tests:
 * a {@code @SpringBootTest(webEnvironment = RANDOM_PORT)}, an application started with
 * {@code SpringApplication.run}, or one started outside the JVM. <pre>{@code
 * &#64;SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
 * &#64;AutoConfigureWxSimulator
 * class MeTests {
 *
 *     &#64;LocalServerPort
 *     int port;
 *
 *     &#64;Autowired
 *     WxSimulator wechat;
 *
 *     &#64;Test
 *     void meWhenLoggedInThenOpenid() {
 *         WxTestClient http = WxTestClient.forPort(this.port)
 *             .withSimulator(this.wechat, AutoConfigureWxSimulator.DEFAULT_APP_ID);
 *         WxTestClient.Tokens tokens = http.loginAs("o-alice");
 *
 *         WxTestClient.Response me = http.withBearer(tokens.accessToken()).get("/api/me");
 *
 *         assertThat(me.status()).isEqualTo(200);
 *         assertThat(me.json().get("openid").stringValue()).isEqualTo("o-alice");
 *     }
 *
 * }
 * }</pre>
 * <p>
 * Requests are HTTP/1.1 with the JDK's {@link HttpClient} (connect timeout 5 seconds,
 * request timeout 20 seconds); bodies are read as UTF-8 strings. Any answer is a
 * {@link Response}, whatever its status: the test asserts on it. Only {@link #login} and
 * {@link #loginAs} insist on {@code 200}, and throw an {@link AssertionError} with the
 * status and body otherwise. A failure to connect or a timeout is an
 * {@link UncheckedIOException}.
 * <p>
 * Immutable and thread-safe: {@link #withBearer(String)} and
 * {@link #withSimulator(WxSimulator, String)} return new clients that share the
 * underlying {@code HttpClient}.
 */
public final class WxTestClient {

	/** The path of the starter's login endpoint. */
	public static final String LOGIN_PATH = "/wx/login";

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

	private final HttpClient client;

	private final String baseUrl;

	private final @Nullable String accessToken;

	private final @Nullable WxSimulator simulator;

	private final @Nullable String appId;

	private WxTestClient(HttpClient client, String baseUrl, @Nullable String accessToken,
			@Nullable WxSimulator simulator, @Nullable String appId) {
		this.client = client;
		this.baseUrl = baseUrl;
		this.accessToken = accessToken;
		this.simulator = simulator;
		this.appId = appId;
	}

	/**
	 * A client for the application at {@code http://127.0.0.1:<port>}, such as the
	 * {@code @LocalServerPort} (or {@code @LocalManagementPort}) of a test.
	 * @param port the application's port
	 * @return the client
	 */
	public static WxTestClient forPort(int port) {
		Assert.isTrue(port > 0 && port <= 65535, () -> "port must be between 1 and 65535, not " + port);
		return forBaseUrl("http://127.0.0.1:" + port);
	}

	/**
	 * A client for the application at a base URL; request paths are appended to it.
	 * @param baseUrl such as {@code http://127.0.0.1:8080} or
	 * {@code https://staging.example.com/api} (a trailing {@code /} is dropped)
	 * @return the client
	 */
	public static WxTestClient forBaseUrl(String baseUrl) {
		Assert.hasText(baseUrl, "baseUrl must not be empty");
		URI uri = URI.create(baseUrl);
		Assert.isTrue("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()),
				() -> "baseUrl must be an http or https URL, not " + baseUrl);
		String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(CONNECT_TIMEOUT)
			.build();
		return new WxTestClient(client, base, null, null, null);
	}

	/**
	 * A client that sends {@code Authorization: Bearer <accessToken>} with every request
	 * (unless the request names its own {@code Authorization} header).
	 * @param accessToken the access token, such as {@link Tokens#accessToken()}
	 * @return a new client, this one is unchanged
	 */
	public WxTestClient withBearer(String accessToken) {
		Assert.hasText(accessToken, "accessToken must not be empty");
		return new WxTestClient(this.client, this.baseUrl, accessToken, this.simulator, this.appId);
	}

	/**
	 * A client that can {@link #loginAs(String) log in as any user}, with login codes
	 * from the simulator the application exchanges its codes with, such as the bean of
	 * {@link AutoConfigureWxSimulator @AutoConfigureWxSimulator}.
	 * @param simulator the simulator the application is pointed at
	 * @param appId the app the codes are for, registered with the simulator and
	 * configured in the application
	 * @return a new client, this one is unchanged
	 */
	public WxTestClient withSimulator(WxSimulator simulator, String appId) {
		Assert.notNull(simulator, "simulator must not be null");
		Assert.hasText(appId, "appId must not be empty");
		return new WxTestClient(this.client, this.baseUrl, this.accessToken, simulator, appId);
	}

	/**
	 * The base URL request paths are appended to.
	 * @return the base URL, without a trailing {@code /}
	 */
	public String baseUrl() {
		return this.baseUrl;
	}

	/**
	 * {@code GET} a path.
	 * @param path the path (and query), starting with {@code /}, sent as given
	 * @param headers further request headers, as name, value, name, value...
	 * @return the response
	 */
	public Response get(String path, String... headers) {
		return send(request(path, headers).GET());
	}

	/**
	 * {@code POST} a body as given, with {@code Content-Type: application/json}: for
	 * malformed JSON too.
	 * @param path the path (and query), starting with {@code /}, sent as given
	 * @param body the body, possibly empty
	 * @param headers further request headers, as name, value, name, value...
	 * @return the response
	 */
	public Response post(String path, String body, String... headers) {
		Assert.notNull(body, "body must not be null");
		return send(request(path, headers).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	/**
	 * {@code POST} a JSON object, with {@code Content-Type: application/json}.
	 * @param path the path (and query), starting with {@code /}, sent as given
	 * @param body the object's members, written with Jackson
	 * @param headers further request headers, as name, value, name, value...
	 * @return the response
	 */
	public Response post(String path, Map<String, ?> body, String... headers) {
		Assert.notNull(body, "body must not be null");
		return post(path, JSON.writeValueAsString(body), headers);
	}

	/**
	 * Logs in with a login code: {@code POST /wx/login} with {@code {"code": code}}.
	 * @param code a code from {@code wx.login()}, here usually
	 * {@link WxSimulator#createCode(String, String)}
	 * @return the tokens
	 * @throws AssertionError when the answer is not {@code 200}
	 */
	public Tokens login(String code) {
		Assert.hasText(code, "code must not be empty");
		return tokens(post(LOGIN_PATH, Map.of("code", code)));
	}

	/**
	 * Logs in with a login code for a named app: {@code POST /wx/login} with
	 * {@code {"appId": appId, "code": code}}, as an application serving several
	 * mini-programs needs.
	 * @param appId the app
	 * @param code a code from {@code wx.login()} in that app
	 * @return the tokens
	 * @throws AssertionError when the answer is not {@code 200}
	 */
	public Tokens login(String appId, String code) {
		Assert.hasText(appId, "appId must not be empty");
		Assert.hasText(code, "code must not be empty");
		return tokens(post(LOGIN_PATH, Map.of("appId", appId, "code", code)));
	}

	/**
	 * Logs in as a user of one's choice: a new code for that user from the
	 * {@link #withSimulator(WxSimulator, String) simulator}, sent with the simulator's
	 * app id, as {@link #login(String, String)}.
	 * @param openid the user's openid
	 * @return the tokens
	 * @throws IllegalStateException when this client has no simulator
	 * @throws AssertionError when the answer is not {@code 200}
	 */
	public Tokens loginAs(String openid) {
		Assert.hasText(openid, "openid must not be empty");
		WxSimulator simulator = this.simulator;
		String app = this.appId;
		if (simulator == null || app == null) {
			throw new IllegalStateException("loginAs needs a simulator: use withSimulator(simulator, appId)");
		}
		return login(app, simulator.createCode(app, openid));
	}

	private Tokens tokens(Response response) {
		if (response.status() != 200) {
			throw new AssertionError("Expected 200 from POST " + LOGIN_PATH + " but was " + response);
		}
		JsonNode body = response.json();
		return new Tokens(text(body, "access_token"), text(body, "refresh_token"), response);
	}

	private static String text(JsonNode body, String name) {
		JsonNode value = body.get(name);
		if (value == null || !value.isString() || value.stringValue().isEmpty()) {
			throw new AssertionError("Expected \"" + name + "\" in the login response: " + body);
		}
		return value.stringValue();
	}

	private HttpRequest.Builder request(String path, String... headers) {
		Assert.isTrue(path != null && path.startsWith("/"), () -> "path must start with '/', not " + path);
		Assert.isTrue(headers.length % 2 == 0, "headers must be pairs of name and value");
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path)).timeout(REQUEST_TIMEOUT);
		boolean ownAuthorization = false;
		for (int i = 0; i < headers.length; i += 2) {
			ownAuthorization |= "Authorization".equalsIgnoreCase(headers[i]);
		}
		if (this.accessToken != null && !ownAuthorization) {
			request.header("Authorization", "Bearer " + this.accessToken);
		}
		if (headers.length > 0) {
			request.headers(headers);
		}
		return request;
	}

	private Response send(HttpRequest.Builder request) {
		HttpRequest built = request.build();
		try {
			return new Response(built.method(), this.client.send(built, HttpResponse.BodyHandlers.ofString()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(built.method() + " " + built.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted during " + built.method() + " " + built.uri(), ex);
		}
	}

	@Override
	public String toString() {
		return "WxTestClient[" + this.baseUrl + ((this.accessToken != null) ? ", bearer" : "")
				+ ((this.appId != null) ? ", app " + this.appId : "") + "]";
	}

	/**
	 * An answer of the application: status, headers and body.
	 */
	public static final class Response {

		private final String method;

		private final HttpResponse<String> response;

		private Response(String method, HttpResponse<String> response) {
			this.method = method;
			this.response = response;
		}

		/**
		 * The status code.
		 * @return e.g. {@code 200}
		 */
		public int status() {
			return this.response.statusCode();
		}

		/**
		 * The first value of a header.
		 * @param name the header's name, in any case
		 * @return its first value, empty when the response has no such header
		 */
		public Optional<String> header(String name) {
			return this.response.headers().firstValue(name);
		}

		/**
		 * Every value of a header, such as each {@code Set-Cookie}.
		 * @param name the header's name, in any case
		 * @return its values, empty when the response has no such header
		 */
		public List<String> headers(String name) {
			return this.response.headers().allValues(name);
		}

		/**
		 * All headers.
		 * @return the headers
		 */
		public HttpHeaders headers() {
			return this.response.headers();
		}

		/**
		 * The body.
		 * @return the body as a string, empty when there is none
		 */
		public String body() {
			return this.response.body();
		}

		/**
		 * The body as JSON.
		 * @return the JSON tree
		 * @throws AssertionError when there is no body or it is not JSON
		 */
		public JsonNode json() {
			if (body().isBlank()) {
				throw new AssertionError("Expected a JSON body but there is none: " + this);
			}
			try {
				return JSON.readTree(body());
			}
			catch (RuntimeException ex) {
				throw new AssertionError("Expected a JSON body but was " + this, ex);
			}
		}

		/**
		 * The request and the answer, for an assertion's message.
		 * @return e.g. {@code GET /api/me -> 401 {"error":"invalid_token",...}}
		 */
		@Override
		public String toString() {
			return this.method + " " + this.response.uri().getRawPath() + " -> " + status() + " " + body();
		}

	}

	/**
	 * The tokens of a successful login.
	 *
	 * @param accessToken the {@code access_token}, for {@link WxTestClient#withBearer}
	 * @param refreshToken the {@code refresh_token}, for {@code POST /wx/token/refresh}
	 * @param response the whole answer ({@code openid}, {@code unionid},
	 * {@code expires_in}, the {@code user} profile...)
	 */
	public record Tokens(String accessToken, String refreshToken, Response response) {

		/**
		 * The user's openid, as the answer gives it.
		 * @return the openid
		 */
		public String openid() {
			return text(this.response.json(), "openid");
		}

	}

}
