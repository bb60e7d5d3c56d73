package io.github.wxlogin.test.it;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.wxlogin.test.simulator.Fault;
import io.github.wxlogin.test.simulator.UserData;
import io.github.wxlogin.test.simulator.WxSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every flow, with DEBUG logging everywhere: one INFO line per login, reuse detection and
 * logout with a shortened openid; WARN for a misconfiguration WeChat reports; and never a
 * secret, session key, code or token in any line.
 */
@SpringBootTest(classes = LoginTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "logging.level.root=DEBUG", "logging.level.io.github.wxlogin=TRACE",
				// the simulator plays WeChat: its HTTP server logging the request lines
				// it receives is WeChat's side
				"logging.level.com.sun.net.httpserver=INFO" })
@ExtendWith(OutputCaptureExtension.class)
class LogsEndToEndTests {

	static final String APP = "wx-logs-app";

	static final String SECRET = "logs-app-secret-7f3c9a1b2d4e6f80";

	static final String OPENID = "oLogsUser0123456789abcdefXYZ";

	static final WxSimulator wechat = WxSimulator.start().registerApp(APP, SECRET);

	@DynamicPropertySource
	static void wechat(DynamicPropertyRegistry registry) {
		registry.add("wx.login.api-base-url", wechat::baseUrl);
		registry.add("wx.login.app-id", () -> APP);
		registry.add("wx.login.app-secret", () -> SECRET);
	}

	@AfterAll
	static void stopWechat() {
		wechat.close();
	}

	@LocalServerPort
	int port;

	@Test
	void flowsWhenDebugLoggingThenInfoLinesAndNoSecretCodeOrToken(CapturedOutput output) {
		TestHttp http = new TestHttp("http://127.0.0.1:" + this.port);
		List<String> secrets = new ArrayList<>(List.of(SECRET));

		String code = wechat.createCode(APP, OPENID);
		secrets.add(code);
		HttpResponse<String> login = http.postJson("/wx/login", Map.of("code", code));
		assertThat(login.statusCode()).isEqualTo(200);
		String access = TestHttp.json(login).get("access_token").stringValue();
		String refresh = TestHttp.json(login).get("refresh_token").stringValue();
		secrets.add(access);
		secrets.add(access.substring(access.lastIndexOf('.') + 1));
		secrets.add(refresh);
		secrets.add(wechat.sessionKey(APP, OPENID).orElseThrow());

		http.postJson("/wx/login", Map.of("code", code));
		http.get("/api/me", "Authorization", "Bearer " + access);
		UserData profile = wechat.userInfo(APP, OPENID, Map.of("nickName", "Pat"));
		http.postJson("/wx/profile", Map.of("encryptedData", profile.encryptedData(), "iv", profile.iv(), "rawData",
				profile.rawData(), "signature", profile.signature()), "Authorization", "Bearer " + access);
		String phoneCode = wechat.createPhoneCode(APP, OPENID, "13800138000");
		secrets.add(phoneCode);
		http.postJson("/wx/phone", Map.of("code", phoneCode), "Authorization", "Bearer " + access);
		HttpResponse<String> rotated = http.postJson("/wx/token/refresh", Map.of("refresh_token", refresh));
		String next = TestHttp.json(rotated).get("refresh_token").stringValue();
		secrets.add(next);
		http.postJson("/wx/token/refresh", Map.of("refresh_token", refresh));

		String second = wechat.createCode(APP, OPENID);
		secrets.add(second);
		HttpResponse<String> again = http.postJson("/wx/login", Map.of("code", second));
		String secondAccess = TestHttp.json(again).get("access_token").stringValue();
		secrets.add(secondAccess);
		secrets.add(wechat.sessionKey(APP, OPENID).orElseThrow());
		http.post("/wx/logout", "", "Authorization", "Bearer " + secondAccess);

		wechat.failNext(WxSimulator.CODE2SESSION_PATH, Fault.errcode(40125, "invalid appsecret"));
		String refused = wechat.createCode(APP, OPENID);
		secrets.add(refused);
		http.postJson("/wx/login", Map.of("code", refused));

		String log = output.getAll();
		assertThat(log).contains("Login app=" + APP + " openid=oLogsU… outcome=success")
			.contains("Login app=" + APP + " outcome=invalid_code")
			.contains("Refresh token reuse detected")
			.contains("Logout app=" + APP + " openid=oLogsU… outcome=success")
			.containsPattern("WARN .*Misconfiguration: WeChat refused app " + APP + " \\(errcode 40125\\)");
		// the full openid only where Spring MVC logs the application's own /api/me answer
		assertThat(log.lines().filter((line) -> line.contains(OPENID)))
			.allMatch((line) -> line.contains("RequestResponseBodyMethodProcessor"));
		assertThat(log).as("WeChat's access_token travels in a query string").doesNotContain("access_token=");
		for (String secret : secrets) {
			assertThat(log).as("a secret, session key, code or token is logged").doesNotContain(secret);
		}
	}

}
