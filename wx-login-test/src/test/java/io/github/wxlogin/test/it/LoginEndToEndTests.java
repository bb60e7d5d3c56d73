package io.github.wxlogin.test.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.wxlogin.authentication.WxLoginFailureEvent;
import io.github.wxlogin.test.AutoConfigureWxSimulator;
import io.github.wxlogin.test.AutoConfigureWxSimulator.App;
import io.github.wxlogin.test.WxTestClient;
import io.github.wxlogin.test.WxTestClient.Response;
import io.github.wxlogin.test.simulator.Fault;
import io.github.wxlogin.test.simulator.UserData;
import io.github.wxlogin.test.simulator.WxSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login end to end: an application on the starter's defaults, on a real port, logs
 * users in through real HTTP to the WeChat simulator.
 */
@SpringBootTest(classes = LoginTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "wx.login.http.read-timeout=1s" })
@ExtendWith(OutputCaptureExtension.class)
@AutoConfigureWxSimulator(apps = @App(appId = LoginEndToEndTests.APP_ID, appSecret = LoginEndToEndTests.SECRET))
class LoginEndToEndTests {

	static final String APP_ID = "wx-e2e-app";

	static final String SECRET = "e2e-secret-value-0123456789";

	@Autowired
	WxSimulator wechat;

	@LocalServerPort
	int port;

	@Autowired
	LoginTestApplication application;

	WxTestClient http;

	@BeforeEach
	void setUp() {
		this.http = WxTestClient.forPort(this.port);
		this.application.events.clear();
	}

	@AfterEach
	void clearFaults() {
		this.wechat.clearFaults();
	}

	Response login(Map<String, ?> body) {
		return this.http.post("/wx/login", body);
	}

	Response login(String openid) {
		return login(Map.of("code", this.wechat.createCode(APP_ID, openid)));
	}

	static JsonNode claims(String jwt) {
		String payload = jwt.split("\\.")[1];
		return JsonMapper.shared().readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
	}

	static JsonNode header(String jwt) {
		String header = jwt.split("\\.")[0];
		return JsonMapper.shared().readTree(new String(Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8));
	}

	void assertProblem(Response response, int status, String error) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.header("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode body = response.json();
		assertThat(body.get("error").stringValue()).isEqualTo(error);
		assertThat(body.get("status").asInt()).isEqualTo(status);
		assertThat(response.body()).doesNotContain("Exception", "at io.", "at org.", SECRET);
	}

	@Test
	void loginWhenCodeValidThenTokensForTheOpenid() {
		Response response = login("o-alice");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Cache-Control")).hasValue("no-store");
		assertThat(response.header("Set-Cookie")).isEmpty();
		JsonNode body = response.json();
		assertThat(body.get("token_type").stringValue()).isEqualTo("Bearer");
		assertThat(body.get("expires_in").asLong()).isBetween(7190L, 7200L);
		assertThat(body.get("refresh_expires_in").asLong()).isBetween(2591990L, 2592000L);
		assertThat(body.get("openid").stringValue()).isEqualTo("o-alice");
		assertThat(body.get("unionid").stringValue()).isNotBlank();
		assertThat(body.get("refresh_token").stringValue()).hasSizeGreaterThanOrEqualTo(43);
		String sessionKey = this.wechat.sessionKey(APP_ID, "o-alice").orElseThrow();
		assertThat(response.body()).doesNotContain(sessionKey).doesNotContain("session_key");

		String accessToken = body.get("access_token").stringValue();
		JsonNode header = header(accessToken);
		assertThat(header.get("alg").stringValue()).isEqualTo("ES256");
		assertThat(header.get("kid").stringValue()).isNotBlank();
		JsonNode claims = claims(accessToken);
		assertThat(claims.get("sub").stringValue()).isEqualTo("o-alice");
		assertThat(claims.get("iss").stringValue()).isEqualTo("wx-login");
		assertThat(
				claims.get("aud").isArray() ? claims.get("aud").get(0).stringValue() : claims.get("aud").stringValue())
			.isEqualTo(APP_ID);
		assertThat(claims.get("appid").stringValue()).isEqualTo(APP_ID);
		assertThat(claims.get("unionid").stringValue()).isEqualTo(body.get("unionid").stringValue());
		assertThat(claims.get("scope").stringValue()).isEqualTo("ROLE_USER");
		assertThat(claims.get("jti").stringValue()).isNotBlank();
		assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(7200);
		assertThat(claims.get("tenant").stringValue()).isEqualTo("t-" + APP_ID);
		assertThat(accessToken).doesNotContain(sessionKey);
		assertThat(new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8))
			.doesNotContain(sessionKey);
		assertThat(this.application.events).anyMatch(AuthenticationSuccessEvent.class::isInstance);
	}

	@Test
	void bearerWhenTokenFromLoginThenPrincipalIsOpenidWithoutSession() {
		String accessToken = login("o-bob").json().get("access_token").stringValue();

		Response me = this.http.get("/api/me", "Authorization", "Bearer " + accessToken);

		assertThat(me.status()).isEqualTo(200);
		JsonNode body = me.json();
		assertThat(body.get("name").stringValue()).isEqualTo("o-bob");
		assertThat(body.get("authorities").toString()).contains("ROLE_USER");
		assertThat(me.headers("Set-Cookie")).isEmpty();
	}

	@Test
	void bearerWhenAuthenticationPrincipalThenTheWeChatUserOfTheToken() {
		JsonNode tokens = login("o-principal").json();
		String accessToken = tokens.get("access_token").stringValue();
		JsonNode claims = claims(accessToken);

		Response response = this.http.get("/api/principal", "Authorization", "Bearer " + accessToken);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode principal = response.json();
		assertThat(principal.get("openid").stringValue()).isEqualTo("o-principal");
		assertThat(principal.get("appId").stringValue()).isEqualTo(APP_ID);
		assertThat(principal.get("unionid").stringValue()).isEqualTo(tokens.get("unionid").stringValue());
		assertThat(principal.get("loginId").stringValue()).isEqualTo(claims.get("sid").stringValue());
		assertThat(principal.get("jti").stringValue()).isEqualTo(claims.get("jti").stringValue());
	}

	@Test
	void loginWhenCodeReplayedThenInvalidCodeWithoutAskingWechat() {
		String code = this.wechat.createCode(APP_ID, "o-carol");
		assertThat(login(Map.of("code", code)).status()).isEqualTo(200);
		long calls = this.wechat.requestCount(WxSimulator.CODE2SESSION_PATH);

		Response replay = login(Map.of("code", code));

		assertProblem(replay, 401, "invalid_code");
		assertThat(this.wechat.requestCount(WxSimulator.CODE2SESSION_PATH)).isEqualTo(calls);
		assertThat(this.application.events).anyMatch(WxLoginFailureEvent.class::isInstance);
	}

	@Test
	void loginWhenCodeUnknownToWechatThenInvalidCode() {
		assertProblem(login(Map.of("code", "not-a-code-from-wechat")), 401, "invalid_code");
	}

	@Test
	void loginWhenCodeExpiredThenInvalidCode() {
		String code = this.wechat.createCode(APP_ID, "o-late");
		this.wechat.advanceTime(Duration.ofMinutes(6));
		try {
			assertProblem(login(Map.of("code", code)), 401, "invalid_code");
		}
		finally {
			this.wechat.setClock(java.time.Clock.systemUTC());
		}
	}

	@Test
	void loginWhenCodeHasUrlSpecialCharactersThenReachesWechatIntact() {
		// a code WeChat does not know still has to arrive unmangled: 40029, not a 400 or
		// 500
		assertProblem(login(Map.of("code", "a+b/c=d&e#f?g%h")), 401, "invalid_code");
	}

	@Test
	void loginWhenRiskyUserThenForbidden() {
		assertProblem(login(Map.of("code", this.wechat.createBlockedCode(APP_ID, "o-risky"))), 403, "risky_user");
	}

	@Test
	void loginWhenWechatRateLimitedThenTooManyRequestsWithRetryAfter() {
		this.wechat.failNext(WxSimulator.CODE2SESSION_PATH, Fault.RATE_LIMITED);
		Response response = login("o-busy");
		assertProblem(response, 429, "rate_limited");
		assertThat(response.header("Retry-After")).isPresent();
	}

	@Test
	void loginWhenWechatUnavailableThenCodeCanBeRetried() {
		String code = this.wechat.createCode(APP_ID, "o-retry");
		this.wechat.failNext(WxSimulator.CODE2SESSION_PATH, Fault.BUSY);
		Response first = login(Map.of("code", code));
		assertProblem(first, 503, "wechat_unavailable");
		assertThat(first.header("Retry-After")).isPresent();

		assertThat(login(Map.of("code", code)).status()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "HTTP_500", "HTML", "EMPTY", "RESET", "DELAY" })
	void loginWhenWechatFailsThenServiceUnavailable(String kind) {
		Fault fault = switch (kind) {
			case "HTTP_500" -> Fault.HTTP_500;
			case "HTML" -> Fault.HTML;
			case "EMPTY" -> Fault.EMPTY;
			case "RESET" -> Fault.RESET;
			default -> Fault.delay(Duration.ofSeconds(2));
		};
		this.wechat.failAlways(WxSimulator.CODE2SESSION_PATH, fault);
		Response response = login("o-fault");
		assertProblem(response, 503, "wechat_unavailable");
		assertThat(response.header("Retry-After")).isPresent();
	}

	@Test
	void loginWhenWechatRefusesOurCredentialsThenUnavailableAndLoggedAsMisconfiguration(CapturedOutput output) {
		this.wechat.failNext(WxSimulator.CODE2SESSION_PATH, Fault.errcode(40125, "invalid appsecret"));
		assertProblem(login("o-misconfigured"), 503, "wechat_unavailable");
		assertThat(output).contains("check wx.login app-id and app-secret").doesNotContain(SECRET);
	}

	@Test
	void loginWhenUserInfoSignedAndEncryptedThenVerifiedAndReturned() {
		Map<String, Object> profile = new LinkedHashMap<>();
		profile.put("nickName", "Dave");
		profile.put("gender", 1);
		UserData data = this.wechat.userInfoForNextLogin(APP_ID, "o-dave", profile);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("code", this.wechat.createCode(APP_ID, "o-dave"));
		body.put("rawData", data.rawData());
		body.put("signature", data.signature());
		body.put("encryptedData", data.encryptedData());
		body.put("iv", data.iv());

		Response response = login(body);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode user = response.json().get("user");
		assertThat(user.get("nickName").stringValue()).isEqualTo("Dave");
		assertThat(user.get("gender").asInt()).isEqualTo(1);
		assertThat(user.has("watermark")).isFalse();
	}

	@Test
	void loginWhenSignatureWrongThenInvalidSignature() {
		String code = this.wechat.createCode(APP_ID, "o-erin");
		UserData data = this.wechat.userInfoForNextLogin(APP_ID, "o-erin", Map.of("nickName", "Erin"));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("code", code);
		body.put("rawData", data.rawData().replace("Erin", "Eve"));
		body.put("signature", data.signature());
		assertProblem(login(body), 401, "invalid_signature");
	}

	@Test
	void loginWhenEncryptedDataTamperedThenOneIdenticalAnswerForEveryCause() {
		UserData data = this.wechat.userInfoForNextLogin(APP_ID, "o-frank", Map.of("nickName", "Frank"));
		byte[] cipher = Base64.getDecoder().decode(data.encryptedData());
		byte[] lastByteFlipped = cipher.clone();
		lastByteFlipped[lastByteFlipped.length - 1] ^= 1; // breaks the padding
		byte[] firstByteFlipped = cipher.clone();
		firstByteFlipped[0] ^= 1; // padding intact, JSON garbled
		List<String> bodies = new java.util.ArrayList<>();
		for (byte[] tampered : List.of(lastByteFlipped, firstByteFlipped)) {
			UserData next = this.wechat.userInfoForNextLogin(APP_ID, "o-frank", Map.of("nickName", "Frank"));
			Response response = login(Map.of("code", this.wechat.createCode(APP_ID, "o-frank"), "encryptedData",
					Base64.getEncoder().encodeToString(tampered), "iv", next.iv()));
			assertProblem(response, 401, "invalid_encrypted_data");
			bodies.add(response.body());
		}
		assertThat(bodies.get(0)).isEqualTo(bodies.get(1));
	}

	@Test
	void loginWhenEncryptedDataOfAnotherAppThenInvalidEncryptedData() {
		UserData data = this.wechat.userInfoForNextLogin(APP_ID, "o-gina", Map.of("nickName", "Gina"), "wx-other-app");
		Response response = login(Map.of("code", this.wechat.createCode(APP_ID, "o-gina"), "encryptedData",
				data.encryptedData(), "iv", data.iv()));
		assertProblem(response, 401, "invalid_encrypted_data");
	}

	@ParameterizedTest
	@ValueSource(strings = { "not json", "[]", "{}", "{\"code\":\"\"}", "{\"code\":\"   \"}", "{\"code\":42}",
			"{\"code\":\"c\",\"encryptedData\":\"AAAA\"}",
			"{\"code\":\"c\",\"encryptedData\":\"@@@\",\"iv\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}",
			"{\"code\":\"c\",\"encryptedData\":\"AAAAAAAAAAAAAAAAAAAAAA==\",\"iv\":\"AAAA\"}",
			"{\"code\":\"c\",\"encryptedData\":\"AAAAAAAAAAAAAAAAAAAA\",\"iv\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}",
			"{\"code\":\"c\",\"rawData\":\"{}\"}", "{\"code\":\"c\",\"appId\":7}" })
	void loginWhenMalformedThenInvalidRequest(String body) {
		assertProblem(this.http.post("/wx/login", body), 400, "invalid_request");
	}

	@Test
	void loginWhenBodyOver64KibThenInvalidRequest() {
		String big = "{\"code\":\"c\",\"rawData\":\"" + "x".repeat(70 * 1024) + "\",\"signature\":\"s\"}";
		assertProblem(this.http.post("/wx/login", big), 400, "invalid_request");
	}

	@Test
	void loginWhenAppIdUnknownThenUnknownApp() {
		assertProblem(login(Map.of("code", "c", "appId", "wx-nobody")), 400, "unknown_app");
	}

	@Test
	void bearerWhenMissingThenUnauthorizedProblemWithChallenge() {
		Response response = this.http.get("/api/me");
		assertProblem(response, 401, "invalid_token");
		assertThat(response.header("WWW-Authenticate"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("Bearer"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "garbage", "a.b.c", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJvLWFsaWNlIn0." })
	void bearerWhenMalformedThenInvalidToken(String token) {
		Response response = this.http.get("/api/me", "Authorization", "Bearer " + token);
		assertProblem(response, 401, "invalid_token");
		assertThat(response.header("WWW-Authenticate"))
			.hasValueSatisfying((value) -> assertThat(value).contains("error=\"invalid_token\""));
	}

	@Test
	void bearerWhenRefreshTokenUsedThenInvalidToken() {
		String refreshToken = login("o-henry").json().get("refresh_token").stringValue();
		assertProblem(this.http.get("/api/me", "Authorization", "Bearer " + refreshToken), 401, "invalid_token");
	}

	@Test
	void bearerWhenSignatureTamperedThenInvalidToken() {
		String token = login("o-ivan").json().get("access_token").stringValue();
		String[] parts = token.split("\\.");
		String forgedClaims = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
				.replace("o-ivan", "o-admin")
				.getBytes(StandardCharsets.UTF_8));
		assertProblem(
				this.http.get("/api/me", "Authorization", "Bearer " + parts[0] + "." + forgedClaims + "." + parts[2]),
				401, "invalid_token");
	}

	@Test
	void jwksWhenRequestedThenPublicKeyWithKidOnly() {
		String token = login("o-jwks").json().get("access_token").stringValue();
		Response response = this.http.get("/.well-known/jwks.json");
		assertThat(response.status()).isEqualTo(200);
		JsonNode key = response.json().get("keys").get(0);
		assertThat(key.get("kid").stringValue()).isEqualTo(header(token).get("kid").stringValue());
		assertThat(key.get("kty").stringValue()).isEqualTo("EC");
		assertThat(key.has("d")).isFalse();
	}

	@Test
	void logsWhenLoginFlowsThenNoSecretOrSessionKey(CapturedOutput output) {
		login("o-quiet");
		String sessionKey = this.wechat.sessionKey(APP_ID, "o-quiet").orElseThrow();
		assertThat(output).doesNotContain(SECRET).doesNotContain(sessionKey).doesNotContain("secret=");
	}

}
