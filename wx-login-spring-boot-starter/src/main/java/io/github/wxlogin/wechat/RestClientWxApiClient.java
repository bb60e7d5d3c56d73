package io.github.wxlogin.wechat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.Assert;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link WxApiClient} on a Spring {@link RestClient}.
 * <p>
 * Query parameters are passed as URI variables, so the code and the secret reach WeChat
 * intact whatever they contain ({@code + / = & # ? %}, non-ASCII). The body is read as
 * bytes whatever its {@code Content-Type} (WeChat labels its JSON {@code text/plain}) and
 * parsed with the given {@link JsonMapper}; unknown fields are ignored. HTTP client
 * exceptions are replaced by a {@link WxApiUnavailableException} with a fixed message and
 * no cause, as theirs contain the URL and with it the secret.
 * <p>
 * Thread-safe when the {@code RestClient} is, as those Spring builds are.
 */
public final class RestClientWxApiClient implements WxApiClient {

	private static final Log logger = LogFactory.getLog(RestClientWxApiClient.class);

	static final String CODE2SESSION_PATH = "/sns/jscode2session";

	private static final String CODE2SESSION = "code2Session";

	static final String STABLE_TOKEN_PATH = "/cgi-bin/stable_token";

	private static final String STABLE_TOKEN = "stable_token";

	static final String PHONE_NUMBER_PATH = "/wxa/business/getuserphonenumber";

	private static final String PHONE_NUMBER = "getuserphonenumber";

	private static final int MAX_BODY_BYTES = 64 * 1024;

	private final RestClient restClient;

	private final JsonMapper jsonMapper;

	/**
	 * Create a client.
	 * @param restClient a client whose base URL is WeChat's API host (tests: a
	 * simulator), with timeouts set and Spring's default URI encoding
	 * ({@code TEMPLATE_AND_VALUES}), such as {@link #restClient} builds; it must not
	 * record full request URLs (no observation registry that tags {@code http.url})
	 * @param jsonMapper the mapper to parse WeChat's answers with
	 */
	public RestClientWxApiClient(RestClient restClient, JsonMapper jsonMapper) {
		Assert.notNull(restClient, "restClient must not be null");
		Assert.notNull(jsonMapper, "jsonMapper must not be null");
		this.restClient = restClient;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Build the {@link RestClient} this class expects: the JDK {@link HttpClient}
	 * (redirects not followed) with the connect timeout, a read timeout on the request
	 * factory, the base URL and {@code Accept: application/json}.
	 * @param baseUrl the root of WeChat's API, {@code https://api.weixin.qq.com} in
	 * production
	 * @param connectTimeout the time allowed to open a connection
	 * @param readTimeout the time allowed for WeChat to answer
	 * @return a new client
	 */
	public static RestClient restClient(String baseUrl, Duration connectTimeout, Duration readTimeout) {
		return restClientBuilder(baseUrl, connectTimeout, readTimeout).build();
	}

	/**
	 * The builder of {@link #restClient}, to customize before building.
	 * @param baseUrl the WeChat API server
	 * @param connectTimeout how long to wait for a connection
	 * @param readTimeout how long to wait for an answer
	 * @return a builder with the base URL, the timeouts, no redirects and JSON
	 */
	public static RestClient.Builder restClientBuilder(String baseUrl, Duration connectTimeout, Duration readTimeout) {
		Assert.hasText(baseUrl, "baseUrl must not be blank");
		Assert.isTrue(connectTimeout != null && !connectTimeout.isNegative() && !connectTimeout.isZero(),
				"connectTimeout must be positive");
		Assert.isTrue(readTimeout != null && !readTimeout.isNegative() && !readTimeout.isZero(),
				"readTimeout must be positive");
		HttpClient httpClient = HttpClient.newBuilder()
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(readTimeout);
		return RestClient.builder()
			.baseUrl(baseUrl)
			.requestFactory(requestFactory)
			.defaultHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
	}

	@Override
	public WxSession code2Session(WxApp app, String code) {
		Assert.notNull(app, "app must not be null");
		Assert.notNull(code, "code must not be null");
		Map<String, String> variables = Map.of("appid", app.appId(), "secret", app.appSecret(), "code", code);
		JsonNode body = call(app, CODE2SESSION,
				(uriBuilder) -> uriBuilder.path(CODE2SESSION_PATH)
					.queryParam("appid", "{appid}")
					.queryParam("secret", "{secret}")
					.queryParam("js_code", "{code}")
					.queryParam("grant_type", "authorization_code")
					.build(variables));
		String openid = text(body, "openid");
		String sessionKey = text(body, "session_key");
		if (openid == null || sessionKey == null) {
			throw unavailable(app, CODE2SESSION, "answer without openid or session_key");
		}
		return new WxSession(openid, text(body, "unionid"), sessionKey);
	}

	@Override
	public WxAccessToken stableAccessToken(WxApp app, boolean forceRefresh) {
		Assert.notNull(app, "app must not be null");
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("grant_type", "client_credential");
		request.put("appid", app.appId());
		request.put("secret", app.appSecret());
		request.put("force_refresh", forceRefresh);
		JsonNode body = call(app, STABLE_TOKEN,
				this.restClient.post()
					.uri((uriBuilder) -> uriBuilder.path(STABLE_TOKEN_PATH).build())
					.contentType(MediaType.APPLICATION_JSON)
					.body(this.jsonMapper.writeValueAsBytes(request)));
		String token = text(body, "access_token");
		JsonNode expiresIn = body.get("expires_in");
		if (token == null || expiresIn == null || !expiresIn.canConvertToLong() || expiresIn.longValue() <= 0) {
			throw unavailable(app, STABLE_TOKEN, "answer without access_token or expires_in");
		}
		return new WxAccessToken(token, Duration.ofSeconds(expiresIn.longValue()));
	}

	@Override
	public WxPhoneInfo phoneNumber(WxApp app, String accessToken, String phoneCode, String openid) {
		Assert.notNull(app, "app must not be null");
		Assert.notNull(openid, "openid must not be null");
		Assert.notNull(accessToken, "accessToken must not be null");
		Assert.notNull(phoneCode, "phoneCode must not be null");
		JsonNode body = call(app, PHONE_NUMBER,
				this.restClient.post()
					.uri((uriBuilder) -> uriBuilder.path(PHONE_NUMBER_PATH)
						.queryParam("access_token", "{token}")
						.build(Map.of("token", accessToken)))
					.contentType(MediaType.APPLICATION_JSON)
					.body(this.jsonMapper.writeValueAsBytes(Map.of("code", phoneCode, "openid", openid))));
		JsonNode info = body.get("phone_info");
		if (info == null || !info.isObject()) {
			throw unavailable(app, PHONE_NUMBER, "answer without phone_info");
		}
		String phoneNumber = text(info, "phoneNumber");
		String purePhoneNumber = text(info, "purePhoneNumber");
		JsonNode countryCode = info.get("countryCode");
		if (phoneNumber == null || purePhoneNumber == null || countryCode == null
				|| !(countryCode.isString() || countryCode.isIntegralNumber())) {
			throw unavailable(app, PHONE_NUMBER, "phone_info incomplete");
		}
		JsonNode watermark = info.get("watermark");
		String watermarkAppId = (watermark != null && watermark.isObject()) ? text(watermark, "appid") : null;
		// the documented type is string, the documented example a number: answer a string
		String country = countryCode.isString() ? countryCode.stringValue() : countryCode.asString();
		return new WxPhoneInfo(phoneNumber, purePhoneNumber, country, watermarkAppId);
	}

	/**
	 * GET {@code uri} and return WeChat's JSON object when its errcode is absent or 0.
	 */
	private JsonNode call(WxApp app, String api, Function<UriBuilder, URI> uri) {
		return call(app, api, this.restClient.get().uri(uri));
	}

	/**
	 * Send the request and return WeChat's JSON object when its errcode is absent or 0.
	 */
	private JsonNode call(WxApp app, String api, RestClient.RequestHeadersSpec<?> spec) {
		Answer answer;
		try {
			answer = spec.exchange((request, response) -> {
				int status = response.getStatusCode().value();
				try (InputStream in = response.getBody()) {
					return new Answer(status, in.readNBytes(MAX_BODY_BYTES + 1));
				}
			});
		}
		catch (ResourceAccessException ex) {
			// its message holds the URL, and the URL holds the secret
			throw unavailable(app, api, "I/O error (" + rootCauseName(ex) + ")");
		}
		catch (RestClientException ex) {
			throw unavailable(app, api, "client error (" + ex.getClass().getSimpleName() + ")");
		}
		if (answer == null) {
			throw unavailable(app, api, "no answer");
		}
		if (answer.status() < 200 || answer.status() > 299) {
			throw unavailable(app, api, "HTTP status " + answer.status());
		}
		if (answer.body().length == 0) {
			throw unavailable(app, api, "empty body");
		}
		if (answer.body().length > MAX_BODY_BYTES) {
			throw unavailable(app, api, "body larger than " + MAX_BODY_BYTES + " bytes");
		}
		JsonNode body;
		try {
			body = this.jsonMapper.readTree(answer.body());
		}
		catch (JacksonException ex) {
			throw unavailable(app, api, "body is not JSON");
		}
		if (body == null || !body.isObject()) {
			throw unavailable(app, api, "body is not a JSON object");
		}
		JsonNode errcode = body.get("errcode");
		if (errcode == null || errcode.isNull()) {
			return body;
		}
		if (!errcode.isIntegralNumber() || !errcode.canConvertToInt()) {
			throw unavailable(app, api, "errcode is not an integer");
		}
		int value = errcode.intValue();
		if (logger.isDebugEnabled()) {
			logger.debug(api + " for app " + app.appId() + ": errcode " + value);
		}
		if (value != WxErrcode.OK) {
			throw new WxApiException(api, value, text(body, "errmsg"));
		}
		return body;
	}

	private static @Nullable String text(JsonNode body, String field) {
		JsonNode node = body.get(field);
		if (node == null || !node.isString() || node.stringValue().isBlank()) {
			return null;
		}
		return node.stringValue();
	}

	private static String rootCauseName(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.getClass().getSimpleName();
	}

	private static WxApiUnavailableException unavailable(WxApp app, String api, String reason) {
		if (logger.isDebugEnabled()) {
			logger.debug(api + " for app " + app.appId() + " unavailable: " + reason);
		}
		return new WxApiUnavailableException("WeChat " + api + " unavailable: " + reason);
	}

	private record Answer(int status, byte[] body) {
	}

}
