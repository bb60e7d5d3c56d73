package io.github.wxlogin.sample;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import io.github.wxlogin.sample.demo.DemoModeEnvironmentPostProcessor;
import io.github.wxlogin.sample.user.UserAccount;
import io.github.wxlogin.sample.user.UserAccountRepository;
import io.github.wxlogin.test.WxTestClient;
import io.github.wxlogin.test.WxTestClient.Response;
import io.github.wxlogin.test.simulator.UserData;
import io.github.wxlogin.test.simulator.WxSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as started with no WeChat credentials: demo mode, with the embedded
 * simulator.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class DemoModeTests {

	@LocalServerPort
	int port;

	@Autowired
	WxSimulator simulator;

	@Autowired
	UserAccountRepository users;

	WxTestClient http;

	@BeforeEach
	void setUp() {
		this.http = WxTestClient.forPort(this.port);
	}

	String demoCode(String openid) {
		Response response = this.http.post("/demo/code", Map.of("openid", openid));
		assertThat(response.status()).isEqualTo(200);
		return response.json().get("code").stringValue();
	}

	@Test
	void pingWhenAnonymousThenOk() {
		assertThat(this.http.get("/api/ping").status()).isEqualTo(200);
	}

	@Test
	void pageWhenAnonymousThenServed() {
		Response page = this.http.get("/");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("wx-login");
	}

	@Test
	void meWhenLoggedInWithDemoCodeThenOpenidUnionidAndAuthorities() {
		String token = this.http.login(demoCode("o-demo-me")).accessToken();

		Response me = this.http.get("/api/me", "Authorization", "Bearer " + token);

		assertThat(me.status()).isEqualTo(200);
		JsonNode body = me.json();
		assertThat(body.get("openid").stringValue()).isEqualTo("o-demo-me");
		assertThat(body.get("unionid").stringValue()).isNotBlank();
		assertThat(body.get("authorities").toString()).isEqualTo("[\"ROLE_USER\"]");
		assertThat(me.headers("Set-Cookie")).isEmpty();
	}

	@Test
	void meWhenNoTokenThenUnauthorizedProblem() {
		Response me = this.http.get("/api/me");
		assertThat(me.status()).isEqualTo(401);
		assertThat(me.json().get("error").stringValue()).isEqualTo("invalid_token");
	}

	@Test
	void loginWhenUserNewThenPersistedOnceByAppAndOpenid() {
		this.http.login(demoCode("o-demo-persist"));
		this.http.login(demoCode("o-demo-persist"));

		UserAccount account = this.users
			.findByAppIdAndOpenid(DemoModeEnvironmentPostProcessor.DEMO_APP_ID, "o-demo-persist")
			.orElseThrow();
		assertThat(account.roles()).isEqualTo("ROLE_USER");
		assertThat(this.users.count()).isGreaterThanOrEqualTo(1);
		assertThat(java.util.stream.StreamSupport.stream(this.users.findAll().spliterator(), false)
			.filter((user) -> user.openid().equals("o-demo-persist"))).hasSize(1);
	}

	@Test
	void loginWhenPlaceholderProfileThenRealNicknameKept() {
		String app = DemoModeEnvironmentPostProcessor.DEMO_APP_ID;
		UserData real = this.simulator.userInfoForNextLogin(app, "o-demo-profile", Map.of("nickName", "Real Name"));
		login(this.simulator.createCode(app, "o-demo-profile"), real);
		UserData anonymous = this.simulator.userInfoForNextLogin(app, "o-demo-profile",
				Map.of("nickName", "微信用户", "gender", 0));
		login(this.simulator.createCode(app, "o-demo-profile"), anonymous);

		assertThat(this.users.findByAppIdAndOpenid(app, "o-demo-profile").orElseThrow().nickname())
			.isEqualTo("Real Name");
	}

	private void login(String code, UserData data) {
		Response response = this.http.post("/wx/login", Map.of("code", code, "rawData", data.rawData(), "signature",
				data.signature(), "encryptedData", data.encryptedData(), "iv", data.iv()));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
	}

	@Test
	void phoneWhenVerifiedThenStoredWithTheUser() {
		String token = this.http.login(demoCode("o-demo-phone")).accessToken();
		Response demoPhone = this.http.post("/demo/phone",
				Map.of("openid", "o-demo-phone", "phoneNumber", "13800138000"));
		String phoneCode = demoPhone.json().get("code").stringValue();

		Response phone = this.http.post("/wx/phone", Map.of("code", phoneCode), "Authorization", "Bearer " + token);

		assertThat(phone.status()).as(phone.body()).isEqualTo(200);
		assertThat(this.users.findByAppIdAndOpenid(DemoModeEnvironmentPostProcessor.DEMO_APP_ID, "o-demo-phone")
			.orElseThrow()
			.phoneNumber()).isEqualTo("13800138000");
	}

	@Test
	void demoUserInfoWhenForNextLoginThenAcceptedWithTheNextCodeAndNicknameStored() {
		Response demo = this.http.post("/demo/user-info",
				Map.of("openid", "o-demo-next", "nickName", "Next Login", "forNextLogin", true));
		assertThat(demo.status()).as(demo.body()).isEqualTo(200);
		JsonNode data = demo.json();

		Response login = this.http.post("/wx/login",
				Map.of("code", demoCode("o-demo-next"), "rawData", data.get("rawData").stringValue(), "signature",
						data.get("signature").stringValue(), "encryptedData", data.get("encryptedData").stringValue(),
						"iv", data.get("iv").stringValue()));

		assertThat(login.status()).as(login.body()).isEqualTo(200);
		assertThat(login.json().get("user").get("nickName").stringValue()).isEqualTo("Next Login");
		assertThat(this.users.findByAppIdAndOpenid(DemoModeEnvironmentPostProcessor.DEMO_APP_ID, "o-demo-next")
			.orElseThrow()
			.nickname()).isEqualTo("Next Login");
	}

	@Test
	void demoUserInfoWhenNoSessionAndNotForNextLoginThenConflict() {
		Response demo = this.http.post("/demo/user-info", Map.of("openid", "o-demo-never-logged-in"));
		assertThat(demo.status()).isEqualTo(409);
		assertThat(demo.json().get("error").stringValue()).isEqualTo("not_logged_in");
	}

	@Test
	void demoCodeWhenOpenidMalformedThenBadRequest() {
		assertThat(this.http.post("/demo/code", Map.of("openid", "<script>")).status()).isEqualTo(400);
	}

}
