package io.github.wxlogin.test.it;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.wxlogin.store.RedisServer;
import io.github.wxlogin.test.simulator.WxSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis going away under a running instance: bearer requests (after the revocation mirror
 * stops being fresh) and logins answer {@code 503 store_unavailable} within seconds. On a
 * standalone Redis of its own, since it stops it; the topology does not change the
 * answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisDownEndToEndTests {

	static final String APP_ID = RedisEndToEndTests.APP_ID;

	final WxSimulator wechat = WxSimulator.start().registerApp(APP_ID, "cluster-secret");

	@AfterAll
	void stop() {
		this.wechat.close();
	}

	@Test
	void requestsWhenRedisDownThenStoreUnavailableWithinSeconds() {
		RedisServer own = RedisServer.start();
		ConfigurableApplicationContext app = new SpringApplicationBuilder(LoginTestApplication.class).run(
				"--server.port=0", "--wx.login.store=redis", "--spring.data.redis.host=127.0.0.1",
				"--spring.data.redis.port=" + own.port(), "--wx.login.api-base-url=" + this.wechat.baseUrl(),
				"--wx.login.app-id=" + APP_ID, "--wx.login.app-secret=cluster-secret");
		try {
			TestHttp http = RedisEndToEndTests.http(app);
			HttpResponse<String> first = http.postJson("/wx/login",
					Map.of("code", this.wechat.createCode(APP_ID, "o-redis-down")));
			assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
			String accessToken = TestHttp.json(first).get("access_token").stringValue();

			own.close();

			long started = System.nanoTime();
			// answered from the mirror until it has not heard from Redis for a second
			HttpResponse<String> me = http.get("/api/me", "Authorization", "Bearer " + accessToken);
			while (me.statusCode() == 200 && Duration.ofNanos(System.nanoTime() - started).toSeconds() < 5) {
				me = http.get("/api/me", "Authorization", "Bearer " + accessToken);
			}
			HttpResponse<String> loginResponse = http.postJson("/wx/login",
					Map.of("code", this.wechat.createCode(APP_ID, "o-redis-down-2")));
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
