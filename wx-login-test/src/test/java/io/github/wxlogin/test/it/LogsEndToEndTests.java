package io.github.wxlogin.test.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.wxlogin.test.AutoConfigureWxSimulator;
import io.github.wxlogin.test.AutoConfigureWxSimulator.App;
import io.github.wxlogin.test.WxTestClient;
import io.github.wxlogin.test.WxTestClient.Response;
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
@AutoConfigureWxSimulator(apps = @App(appId = LogsEndToEndTests.APP, appSecret = LogsEndToEndTests.SECRET),
		boundToOpenPlatform = false)
class LogsEndToEndTests {

	static final String APP = "wx-logs-app";

	static final String SECRET = "logs-app-secret-7f3c9a1b2d4e6f80";

	static final String OPENID = "oLogsUser0123456789abcdefXYZ";

	@Autowired
	WxSimulator wechat;

	@LocalServerPort
	int port;

	@Test
	void flowsWhenDebugLoggingThenInfoLinesAndNoSecretCodeOrToken(CapturedOutput output) {
		WxTestClient http = WxTestClient.forPort(this.port);
		List<String> secrets = new ArrayList<>(List.of(SECRET));

		String code = this.wechat.createCode(APP, OPENID);
		secrets.add(code);
		Response login = http.post("/wx/login", Map.of("code", code));
		assertThat(login.status()).isEqualTo(200);
		String access = login.json().get("access_token").stringValue();
		String refresh = login.json().get("refresh_token").stringValue();
		secrets.add(access);
		secrets.add(access.substring(access.lastIndexOf('.') + 1));
		secrets.add(refresh);
		secrets.add(this.wechat.sessionKey(APP, OPENID).orElseThrow());

		http.post("/wx/login", Map.of("code", code));
		http.get("/api/me", "Authorization", "Bearer " + access);
		UserData profile = this.wechat.userInfo(APP, OPENID, Map.of("nickName", "Pat"));
		http.post("/wx/profile", Map.of("encryptedData", profile.encryptedData(), "iv", profile.iv(), "rawData",
				profile.rawData(), "signature", profile.signature()), "Authorization", "Bearer " + access);
		String phoneCode = this.wechat.createPhoneCode(APP, OPENID, "13800138000");
		secrets.add(phoneCode);
		http.post("/wx/phone", Map.of("code", phoneCode), "Authorization", "Bearer " + access);
		Response rotated = http.post("/wx/token/refresh", Map.of("refresh_token", refresh));
		String next = rotated.json().get("refresh_token").stringValue();
		secrets.add(next);
		http.post("/wx/token/refresh", Map.of("refresh_token", refresh));

		String second = this.wechat.createCode(APP, OPENID);
		secrets.add(second);
		Response again = http.post("/wx/login", Map.of("code", second));
		String secondAccess = again.json().get("access_token").stringValue();
		secrets.add(secondAccess);
		secrets.add(this.wechat.sessionKey(APP, OPENID).orElseThrow());
		http.post("/wx/logout", "", "Authorization", "Bearer " + secondAccess);

		this.wechat.failNext(WxSimulator.CODE2SESSION_PATH, Fault.errcode(40125, "invalid appsecret"));
		String refused = this.wechat.createCode(APP, OPENID);
		secrets.add(refused);
		http.post("/wx/login", Map.of("code", refused));

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
