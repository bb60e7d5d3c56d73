package io.github.wxlogin.test.it;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import io.github.wxlogin.store.RedisServer;
import io.github.wxlogin.test.simulator.WxSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of an application sharing one real {@code redis-server}
 * ({@code wx.login.store=redis}) and one signing key: a login on one works on the other,
 * and logout, refresh rotation, theft detection and used codes hold across them; when Redis
 * goes away, requests are answered {@code 503 store_unavailable} within seconds.
 */
class RedisEndToEndTests {

	static final String APP_ID = "wx-cluster-app";

	static final WxSimulator wechat = WxSimulator.start().registerApp(APP_ID, "cluster-secret");

	static RedisServer redis;

	static ConfigurableApplicationContext first;

	static ConfigurableApplicationContext second;

	static TestHttp a;

	static TestHttp b;

	@BeforeAll
	static void start() {
		redis = RedisServer.start();
		first = instance();
		second = instance();
		a = http(first);
		b = http(second);
	}

	static ConfigurableApplicationContext instance() {
		return new SpringApplicationBuilder(LoginTestApplication.class).run("--server.port=0",
				"--wx.login.store=redis", "--spring.data.redis.host=127.0.0.1",
				"--spring.data.redis.port=" + redis.port(), "--wx.login.api-base-url=" + wechat.baseUrl(),
				"--wx.login.app-id=" + APP_ID, "--wx.login.app-secret=cluster-secret",
				"--wx.login.jwt.secret=a-shared-hs256-secret-of-32-bytes-or-more");
	}

	static TestHttp http(ConfigurableApplicationContext context) {
		return new TestHttp("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
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

	static JsonNode login(TestHttp instance, String openid) {
		HttpResponse<String> response = instance.postJson("/wx/login",
				Map.of("code", wechat.createCode(APP_ID, openid)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return TestHttp.json(response);
	}

	static int me(TestHttp instance, String accessToken) {
		return instance.get("/api/me", "Authorization", "Bearer " + accessToken).statusCode();
	}

	@Test
	void logoutOnOneInstanceThenTokenRefusedOnTheOtherEvenIfItRememberedIt() {
		JsonNode tokens = login(a, "o-cluster-logout");
		String accessToken = tokens.get("access_token").stringValue();
		assertThat(me(a, accessToken)).isEqualTo(200);
		assertThat(me(b, accessToken)).isEqualTo(200);

		assertThat(b.post("/wx/logout", "", "Authorization", "Bearer " + accessToken).statusCode()).isEqualTo(204);

		assertThat(me(a, accessToken)).isEqualTo(401);
		HttpResponse<String> refresh = a.postJson("/wx/token/refresh",
				Map.of("refresh_token", tokens.get("refresh_token").stringValue()));
		assertThat(refresh.statusCode()).isEqualTo(401);
	}

	@Test
	void refreshReusedOnAnotherInstanceThenLoginRevokedEverywhere() {
		JsonNode tokens = login(a, "o-cluster-theft");
		String stolen = tokens.get("refresh_token").stringValue();
		JsonNode rotated = TestHttp.json(a.postJson("/wx/token/refresh", Map.of("refresh_token", stolen)));
		assertThat(rotated.get("refresh_token").stringValue()).isNotEqualTo(stolen);

		assertThat(b.postJson("/wx/token/refresh", Map.of("refresh_token", stolen)).statusCode()).isEqualTo(401);

		assertThat(a.postJson("/wx/token/refresh",
				Map.of("refresh_token", rotated.get("refresh_token").stringValue())).statusCode()).isEqualTo(401);
		assertThat(me(a, rotated.get("access_token").stringValue())).isEqualTo(401);
	}

	@Test
	void codeUsedOnOneInstanceThenRefusedOnTheOtherWithoutAskingWechat() {
		String code = wechat.createCode(APP_ID, "o-cluster-code");
		assertThat(a.postJson("/wx/login", Map.of("code", code)).statusCode()).isEqualTo(200);
		long calls = wechat.requestCount(WxSimulator.CODE2SESSION_PATH);

		HttpResponse<String> replay = b.postJson("/wx/login", Map.of("code", code));

		assertThat(replay.statusCode()).isEqualTo(401);
		assertThat(TestHttp.json(replay).get("error").stringValue()).isEqualTo("invalid_code");
		assertThat(wechat.requestCount(WxSimulator.CODE2SESSION_PATH)).isEqualTo(calls);
	}

	@Test
	void phoneOnAnotherInstanceThenSessionKeyOfTheLoginFound() {
		String accessToken = login(a, "o-cluster-phone").get("access_token").stringValue();
		var data = wechat.legacyPhone(APP_ID, "o-cluster-phone", "13580006666");

		HttpResponse<String> response = b.postJson("/wx/phone",
				Map.of("encryptedData", data.encryptedData(), "iv", data.iv()), "Authorization",
				"Bearer " + accessToken);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	/**
	 * Runs in its own instance pair: it stops Redis.
	 */
	@Test
	void requestsWhenRedisDownThenStoreUnavailableWithinSeconds() {
		RedisServer own = RedisServer.start();
		ConfigurableApplicationContext app = new SpringApplicationBuilder(LoginTestApplication.class).run(
				"--server.port=0", "--wx.login.store=redis", "--spring.data.redis.host=127.0.0.1",
				"--spring.data.redis.port=" + own.port(), "--wx.login.api-base-url=" + wechat.baseUrl(),
				"--wx.login.app-id=" + APP_ID, "--wx.login.app-secret=cluster-secret");
		try {
			TestHttp http = http(app);
			String accessToken = login(http, "o-redis-down").get("access_token").stringValue();

			own.close();

			long started = System.nanoTime();
			HttpResponse<String> me = http.get("/api/me", "Authorization", "Bearer " + accessToken);
			HttpResponse<String> loginResponse = http.postJson("/wx/login",
					Map.of("code", wechat.createCode(APP_ID, "o-redis-down-2")));
			Duration took = Duration.ofNanos(System.nanoTime() - started);

			for (HttpResponse<String> response : new HttpResponse[] { me, loginResponse }) {
				assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
				assertThat(TestHttp.json(response).get("error").stringValue()).isEqualTo("store_unavailable");
				assertThat(response.headers().firstValue("Retry-After")).isPresent();
				assertThat(response.body()).doesNotContain("Exception", "redis");
			}
			assertThat(took).isLessThan(Duration.ofSeconds(10));
		}
		finally {
			app.close();
			own.close();
		}
	}

}
