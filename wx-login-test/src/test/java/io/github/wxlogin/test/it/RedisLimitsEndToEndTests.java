package io.github.wxlogin.test.it;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.wxlogin.store.RedisServer;
import io.github.wxlogin.test.WxTestClient;
import io.github.wxlogin.test.WxTestClient.Response;
import io.github.wxlogin.test.simulator.WxSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The abuse limits on the Redis store: two instances share the counters, so failures on
 * either count against the address on both, and the code2Session cap is per app across
 * the instances.
 * <p>
 * Not on {@code @AutoConfigureWxSimulator}: it starts two instances with
 * {@code SpringApplicationBuilder}, outside Spring's test context, so it starts and
 * closes the one simulator both instances share itself.
 */
class RedisLimitsEndToEndTests {

	static final String APP_ID = "wx-cluster-limits";

	static final WxSimulator wechat = WxSimulator.start().registerApp(APP_ID, "limits-secret");

	static RedisServer redis;

	static ConfigurableApplicationContext first;

	static ConfigurableApplicationContext second;

	static WxTestClient a;

	static WxTestClient b;

	@BeforeAll
	static void start() {
		redis = RedisServer.start();
		first = instance();
		second = instance();
		a = http(first);
		b = http(second);
	}

	static ConfigurableApplicationContext instance() {
		return new SpringApplicationBuilder(LoginTestApplication.class).run("--server.port=0", "--wx.login.store=redis",
				"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redis.port(),
				"--wx.login.api-base-url=" + wechat.baseUrl(), "--wx.login.app-id=" + APP_ID,
				"--wx.login.app-secret=limits-secret",
				"--wx.login.jwt.secret=a-shared-hs256-secret-of-32-bytes-or-more",
				"--wx.login.limits.login-failures.max=3", "--wx.login.limits.code2session.max=1000");
	}

	static WxTestClient http(ConfigurableApplicationContext context) {
		return WxTestClient.forPort(((WebServerApplicationContext) context).getWebServer().getPort());
	}

	@AfterAll
	static void stop() {
		if (first != null) {
			first.close();
		}
		if (second != null) {
			second.close();
		}
		if (redis != null) {
			redis.close();
		}
		wechat.close();
	}

	@Test
	void loginFailuresOnEitherInstanceThenAddressRefusedOnBothWithoutCallingWechat() {
		OpenDataEndToEndTests.assertProblem(a.post("/wx/login", Map.of("code", "junk-a-1")), 401, "invalid_code");
		OpenDataEndToEndTests.assertProblem(b.post("/wx/login", Map.of("code", "junk-b-1")), 401, "invalid_code");
		OpenDataEndToEndTests.assertProblem(a.post("/wx/login", Map.of("code", "junk-a-2")), 401, "invalid_code");
		long calls = wechat.requestCount(WxSimulator.CODE2SESSION_PATH);

		Response onB = b.post("/wx/login", Map.of("code", wechat.createCode(APP_ID, "o-late")));
		Response onA = a.post("/wx/login", Map.of("code", "junk-a-3"));

		LimitsEndToEndTests.assertRateLimited(onB);
		LimitsEndToEndTests.assertRateLimited(onA);
		assertThat(wechat.requestCount(WxSimulator.CODE2SESSION_PATH)).isEqualTo(calls);
	}

}
