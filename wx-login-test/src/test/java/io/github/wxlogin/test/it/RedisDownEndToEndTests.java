package io.github.wxlogin.test.it;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.wxlogin.store.RedisServer;
import io.github.wxlogin.test.WxTestClient;
import io.github.wxlogin.test.WxTestClient.Response;
import io.github.wxlogin.test.simulator.WxSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis going away under a running instance: bearer requests (after the revocation mirror
 * stops being fresh) and logins answer {@code 503 store_unavailable} within seconds. On a
 * standalone Redis of its own, since it stops it; the topology does not change the
 * answer.
 * <p>
 * Not on {@code @AutoConfigureWxSimulator}: the instance is started with
 * {@code SpringApplicationBuilder} inside the test (it needs a Redis of its own, started
 * first), outside Spring's test context, so the test starts its simulator itself.
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
			WxTestClient http = RedisEndToEndTests.http(app);
			Response first = http.post("/wx/login", Map.of("code", this.wechat.createCode(APP_ID, "o-redis-down")));
			assertThat(first.status()).as(first.body()).isEqualTo(200);
			String accessToken = first.json().get("access_token").stringValue();

			own.close();

			long started = System.nanoTime();
			// answered from the mirror until it has not heard from Redis for a second
			Response me = http.get("/api/me", "Authorization", "Bearer " + accessToken);
			while (me.status() == 200 && Duration.ofNanos(System.nanoTime() - started).toSeconds() < 5) {
				me = http.get("/api/me", "Authorization", "Bearer " + accessToken);
			}
			Response loginResponse = http.post("/wx/login",
					Map.of("code", this.wechat.createCode(APP_ID, "o-redis-down-2")));
			Duration took = Duration.ofNanos(System.nanoTime() - started);

			for (Response response : new Response[] { me, loginResponse }) {
				assertThat(response.status()).as(response.body()).isEqualTo(503);
				assertThat(response.json().get("error").stringValue()).isEqualTo("store_unavailable");
				assertThat(response.header("Retry-After")).isPresent();
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
