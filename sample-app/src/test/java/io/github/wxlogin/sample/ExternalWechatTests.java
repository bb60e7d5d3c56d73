package io.github.wxlogin.sample;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.wxlogin.test.WxTestClient;
import io.github.wxlogin.test.WxTestClient.Response;
import io.github.wxlogin.test.simulator.WxSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as started with WeChat credentials on the command line, as
 * {@code java -jar sample-app.jar --wx.login.app-id=... --wx.login.app-secret=...
 * --wx.login.api-base-url=...} is: it talks to that server and starts no simulator.
 * <p>
 * Left out of the AOT pass (the {@code aot} profile of {@code sample-app/pom.xml}
 * excludes it; it runs in every normal pass): it starts the application with
 * {@code SpringApplication.run}, which then needs the application's own AOT initializer
 * from {@code process-aot}, and that would fix at build time the choice this test is
 * about (demo mode or not, see README, "AOT and native images").
 * <p>
 * Not on {@code @AutoConfigureWxSimulator}: what it tests is the sample started with
 * {@code SpringApplication.run} and credentials on its command line, outside Spring's
 * test context, so it starts the simulator those arguments name itself.
 */
class ExternalWechatTests {

	static final WxSimulator wechat = WxSimulator.start().registerApp("wx-external-app", "external-secret");

	static ConfigurableApplicationContext context;

	static WxTestClient http;

	@BeforeAll
	static void start() {
		context = SpringApplication.run(SampleApplication.class, "--server.port=0", "--management.server.port=0",
				"--wx.login.api-base-url=" + wechat.baseUrl(), "--wx.login.app-id=wx-external-app",
				"--wx.login.app-secret=external-secret", "--wx.login.jwt.access-token-ttl=10m",
				"--spring.datasource.url=jdbc:h2:mem:external;DB_CLOSE_DELAY=-1");
		http = WxTestClient.forPort(((WebServerApplicationContext) context).getWebServer().getPort());
	}

	@AfterAll
	static void stop() {
		context.close();
		wechat.close();
	}

	@Test
	void startWhenCredentialsGivenThenNoSimulatorAndNoDemoEndpoints() {
		assertThat(context.getBeanProvider(WxSimulator.class).getIfAvailable()).isNull();
		assertThat(http.post("/demo/code", java.util.Map.of("openid", "o-x")).status()).isIn(401, 404);
	}

	@Test
	void loginWhenCodeFromConfiguredWechatThenBearerWorks() {
		long calls = wechat.requestCount(WxSimulator.CODE2SESSION_PATH);
		String token = http.login(wechat.createCode("wx-external-app", "o-external")).accessToken();
		Response me = http.get("/api/me", "Authorization", "Bearer " + token);
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().get("openid").stringValue()).isEqualTo("o-external");
		assertThat(wechat.requestCount(WxSimulator.CODE2SESSION_PATH)).isEqualTo(calls + 1);
	}

	@Test
	void tokenWhenTtlGivenOnCommandLineThenUsed() {
		String code = wechat.createCode("wx-external-app", "o-ttl");
		Response response = http.post("/wx/login", java.util.Map.of("code", code));
		assertThat(response.json().get("expires_in").asLong()).isBetween(590L, 600L);
	}

}
