package io.github.wxlogin.test.support;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import io.github.wxlogin.test.AutoConfigureWxSimulator;
import io.github.wxlogin.test.WxTestClient;
import io.github.wxlogin.test.WxTestClient.Response;
import io.github.wxlogin.test.WxTestClient.Tokens;
import io.github.wxlogin.test.simulator.Fault;
import io.github.wxlogin.test.simulator.WxSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link WxTestClient} against a real server: the {@link WhoAmIApplication} on a random
 * port, with the simulator of {@code @AutoConfigureWxSimulator}, and the simulator itself
 * for answers that are not JSON.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWxSimulator
class WxTestClientTests {

	static final String APP_ID = AutoConfigureWxSimulator.DEFAULT_APP_ID;

	@LocalServerPort
	int port;

	@Autowired
	WxSimulator wechat;

	WxTestClient http;

	@BeforeEach
	void setUp() {
		this.http = WxTestClient.forPort(this.port);
	}

	@Test
	void loginAsWhenSimulatorThenTokensOfThatUserAndBearerClientAuthenticated() {
		Tokens tokens = this.http.withSimulator(this.wechat, APP_ID).loginAs("o-client-alice");

		assertThat(tokens.openid()).isEqualTo("o-client-alice");
		assertThat(tokens.accessToken()).isEqualTo(tokens.response().json().get("access_token").stringValue());
		assertThat(tokens.refreshToken()).isNotBlank().isNotEqualTo(tokens.accessToken());
		assertThat(tokens.response().status()).isEqualTo(200);
		assertThat(this.wechat.sessionKey(APP_ID, "o-client-alice")).isPresent();

		Response whoami = this.http.withBearer(tokens.accessToken()).get("/whoami");
		assertThat(whoami.status()).as(whoami.toString()).isEqualTo(200);
		assertThat(whoami.json().get("name").stringValue()).isEqualTo("o-client-alice");
	}

	@Test
	void withBearerThenNewClientAndThisOneUnchanged() {
		String accessToken = this.http.login(this.wechat.createCode(APP_ID, "o-client-immutable")).accessToken();

		WxTestClient bearer = this.http.withBearer(accessToken);

		assertThat(bearer).isNotSameAs(this.http);
		assertThat(bearer.get("/whoami").status()).isEqualTo(200);
		assertThat(this.http.get("/whoami").status()).isEqualTo(401);
		assertThat(bearer.withSimulator(this.wechat, APP_ID).get("/whoami").status()).isEqualTo(200);
	}

	@Test
	void loginWhenCodeWithOrWithoutAppIdThenTokens() {
		assertThat(this.http.login(this.wechat.createCode(APP_ID, "o-client-bob")).openid()).isEqualTo("o-client-bob");
		assertThat(this.http.login(APP_ID, this.wechat.createCode(APP_ID, "o-client-carol")).openid())
			.isEqualTo("o-client-carol");
	}

	@Test
	void loginWhenRefusedThenAssertionErrorWithStatusAndBody() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> this.http.login("not-a-code-from-wechat"))
			.withMessageContaining("POST /wx/login -> 401")
			.withMessageContaining("invalid_code");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> this.http.login("wx-nobody", "some-code"))
			.withMessageContaining("unknown_app");
	}

	@Test
	void loginAsWhenNoSimulatorThenIllegalState() {
		assertThatIllegalStateException().isThrownBy(() -> this.http.loginAs("o-client-nobody"))
			.withMessageContaining("withSimulator");
	}

	@Test
	void getWhenNoBearerThenStatusHeadersAndProblemBody() {
		Response response = this.http.get("/whoami");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("www-authenticate"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("Bearer"));
		assertThat(response.header("Content-Type"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("application/problem+json"));
		assertThat(response.headers("Content-Type")).hasSize(1);
		assertThat(response.headers().map()).containsKey("content-type");
		assertThat(response.header("X-Not-Sent")).isEmpty();
		assertThat(response.headers("X-Not-Sent")).isEmpty();
		assertThat(response.json().get("error").stringValue()).isEqualTo("invalid_token");
		assertThat(response.body()).contains("invalid_token");
		assertThat(response.toString()).startsWith("GET /whoami -> 401 {");
	}

	@Test
	void postWhenRawBodyThenSentAsGivenAsJson() {
		Response response = this.http.post("/wx/login", "{\"code\":");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").stringValue()).isEqualTo("invalid_request");
	}

	@Test
	void postWhenMapThenWrittenAsJsonObject() {
		Tokens tokens = this.http.withSimulator(this.wechat, APP_ID).loginAs("o-client-refresh");

		Response refreshed = this.http.post("/wx/token/refresh", Map.of("refresh_token", tokens.refreshToken()));

		assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
		JsonNode body = refreshed.json();
		assertThat(body.get("refresh_token").stringValue()).isNotEqualTo(tokens.refreshToken());
		String rotated = body.get("access_token").stringValue();
		assertThat(this.http.withBearer(rotated).get("/whoami").json().get("name").stringValue())
			.isEqualTo("o-client-refresh");
	}

	@Test
	void requestWhenOwnAuthorizationHeaderThenItReplacesTheBearer() {
		WxTestClient bearer = this.http
			.withBearer(this.http.withSimulator(this.wechat, APP_ID).loginAs("o-client-own-header").accessToken());

		Response response = bearer.get("/whoami", "Authorization", "Bearer not-a-token");

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate"))
			.hasValueSatisfying((value) -> assertThat(value).contains("invalid_token"));
	}

	@Test
	void postWhenBearerAndEmptyBodyThenNoContentWithoutBody() {
		Tokens tokens = this.http.withSimulator(this.wechat, APP_ID).loginAs("o-client-logout");
		WxTestClient bearer = this.http.withBearer(tokens.accessToken());

		Response logout = bearer.post("/wx/logout", "");

		assertThat(logout.status()).isEqualTo(204);
		assertThat(logout.body()).isEmpty();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(logout::json)
			.withMessageContaining("POST /wx/logout -> 204");
		assertThat(bearer.get("/whoami").status()).isEqualTo(401);
	}

	@Test
	void jsonWhenBodyNotJsonThenAssertionErrorWithTheBody() {
		WxTestClient wechatHttp = WxTestClient.forBaseUrl(this.wechat.baseUrl());
		this.wechat.failNext(WxSimulator.CODE2SESSION_PATH, Fault.HTML);

		Response html = wechatHttp.get(WxSimulator.CODE2SESSION_PATH + "?appid=" + APP_ID);

		assertThat(html.body()).containsIgnoringCase("<html");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(html::json)
			.withMessageContaining("Expected a JSON body")
			.withMessageContaining("<html");
	}

	@Test
	void forBaseUrlWhenTrailingSlashThenDropped() {
		WxTestClient client = WxTestClient.forBaseUrl("http://127.0.0.1:" + this.port + "/");

		assertThat(client.baseUrl()).isEqualTo("http://127.0.0.1:" + this.port);
		assertThat(client.get("/whoami").status()).isEqualTo(401);
		assertThat(WxTestClient.forPort(this.port).baseUrl()).isEqualTo(client.baseUrl());
	}

	@Test
	void argumentsWhenInvalidThenIllegalArgument() {
		assertThatIllegalArgumentException().isThrownBy(() -> WxTestClient.forPort(0));
		assertThatIllegalArgumentException().isThrownBy(() -> WxTestClient.forBaseUrl("ftp://127.0.0.1:21"));
		assertThatIllegalArgumentException().isThrownBy(() -> WxTestClient.forBaseUrl(""));
		assertThatIllegalArgumentException().isThrownBy(() -> this.http.get("whoami"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.http.get("/whoami", "X-Only-A-Name"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.http.withBearer(""));
		assertThatIllegalArgumentException().isThrownBy(() -> this.http.login(""));
		assertThatIllegalArgumentException().isThrownBy(() -> this.http.withSimulator(this.wechat, ""));
	}

	@Test
	void requestWhenNothingListensThenUncheckedIOException() {
		WxSimulator stopped = WxSimulator.start();
		WxTestClient client = WxTestClient.forBaseUrl(stopped.baseUrl());
		stopped.close();

		assertThatExceptionOfType(java.io.UncheckedIOException.class).isThrownBy(() -> client.get("/"))
			.withMessageContaining("GET " + stopped.baseUrl() + "/ failed");
	}

}
