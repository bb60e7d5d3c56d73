package io.github.wxlogin.test.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import io.github.wxlogin.store.RedisServer;
import io.github.wxlogin.store.RevocationLookup;
import io.github.wxlogin.store.WxLoginSession;
import io.github.wxlogin.store.WxLoginSessions;
import io.github.wxlogin.store.redis.RedisRevocationMirror;
import io.github.wxlogin.test.WxTestClient;
import io.github.wxlogin.test.WxTestClient.Response;
import io.github.wxlogin.test.simulator.WxSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of an application sharing one real {@code redis-server}
 * ({@code wx.login.store=redis}) and one signing key: a login on one works on the other,
 * and logout, refresh rotation, theft detection and used codes hold across them (a
 * revocation felt on the other instance within a second, through its mirror); when Redis
 * goes away, requests are answered {@code 503 store_unavailable} within seconds. The same
 * tests run on a Redis Cluster in {@link RedisClusterEndToEndTests}.
 * <p>
 * Not on {@code @AutoConfigureWxSimulator}: it starts two instances with
 * {@code SpringApplicationBuilder}, outside Spring's test context, so it starts and
 * closes the one simulator both instances share itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisEndToEndTests {

	static final String APP_ID = "wx-cluster-app";

	/** How soon a revocation on one instance must be felt on the other. */
	static final Duration EVERYWHERE_WITHIN = Duration.ofSeconds(1);

	final WxSimulator wechat = WxSimulator.start().registerApp(APP_ID, "cluster-secret");

	RedisServer redis;

	ConfigurableApplicationContext first;

	ConfigurableApplicationContext second;

	WxTestClient a;

	WxTestClient b;

	@BeforeAll
	void start() {
		startRedis();
		this.first = instance();
		this.second = instance();
		this.a = http(this.first);
		this.b = http(this.second);
	}

	/** Start the Redis of these tests. */
	void startRedis() {
		this.redis = RedisServer.start();
	}

	/**
	 * @return the {@code spring.data.redis.*} arguments that reach it
	 */
	List<String> redisArguments() {
		return List.of("--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + this.redis.port());
	}

	void stopRedis() {
		if (this.redis != null) {
			this.redis.close();
		}
	}

	ConfigurableApplicationContext instance() {
		List<String> arguments = new ArrayList<>(
				List.of("--server.port=0", "--wx.login.store=redis", "--wx.login.api-base-url=" + this.wechat.baseUrl(),
						"--wx.login.app-id=" + APP_ID, "--wx.login.app-secret=cluster-secret",
						"--wx.login.jwt.secret=a-shared-hs256-secret-of-32-bytes-or-more",
						// the shared access-token test makes a dozen phone calls per user
						"--wx.login.limits.phone-calls.max=100"));
		arguments.addAll(redisArguments());
		return new SpringApplicationBuilder(LoginTestApplication.class).run(arguments.toArray(String[]::new));
	}

	/**
	 * Asserts that the status becomes {@code expected} within {@link #EVERYWHERE_WITHIN}.
	 */
	static void assertWithinASecond(IntSupplier status, int expected) {
		long started = System.nanoTime();
		int last = status.getAsInt();
		while (last != expected && Duration.ofNanos(System.nanoTime() - started).compareTo(EVERYWHERE_WITHIN) < 0) {
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			last = status.getAsInt();
		}
		assertThat(last).as("status within " + EVERYWHERE_WITHIN).isEqualTo(expected);
	}

	static WxTestClient http(ConfigurableApplicationContext context) {
		return WxTestClient.forPort(((WebServerApplicationContext) context).getWebServer().getPort());
	}

	@AfterAll
	void stop() {
		if (this.first != null) {
			this.first.close();
		}
		if (this.second != null) {
			this.second.close();
		}
		stopRedis();
		this.wechat.close();
	}

	JsonNode login(WxTestClient instance, String openid) {
		Response response = instance.post("/wx/login", Map.of("code", this.wechat.createCode(APP_ID, openid)));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	static int me(WxTestClient instance, String accessToken) {
		return instance.get("/api/me", "Authorization", "Bearer " + accessToken).status();
	}

	@Test
	void bearerRequestsWhenRunningThenAnsweredFromEachInstancesFreshMirror() throws InterruptedException {
		for (ConfigurableApplicationContext instance : List.of(this.first, this.second)) {
			RevocationLookup lookup = instance.getBean(RevocationLookup.class);
			assertThat(lookup).isInstanceOf(RedisRevocationMirror.class);
			long started = System.nanoTime();
			while (!((RedisRevocationMirror) lookup).isFresh()) {
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
				Thread.sleep(10);
			}
		}
	}

	@Test
	void logoutOnOneInstanceThenTokenRefusedOnTheOtherEvenIfItRememberedIt() {
		JsonNode tokens = login(this.a, "o-cluster-logout");
		String accessToken = tokens.get("access_token").stringValue();
		assertThat(me(this.a, accessToken)).isEqualTo(200);
		assertThat(me(this.b, accessToken)).isEqualTo(200);

		assertThat(this.b.post("/wx/logout", "", "Authorization", "Bearer " + accessToken).status()).isEqualTo(204);

		assertThat(me(this.b, accessToken)).isEqualTo(401);
		assertWithinASecond(() -> me(this.a, accessToken), 401);
		Response refresh = this.a.post("/wx/token/refresh",
				Map.of("refresh_token", tokens.get("refresh_token").stringValue()));
		assertThat(refresh.status()).isEqualTo(401);
	}

	@Test
	void refreshReusedOnAnotherInstanceThenLoginRevokedEverywhere() {
		JsonNode tokens = login(this.a, "o-cluster-theft");
		String stolen = tokens.get("refresh_token").stringValue();
		JsonNode rotated = this.a.post("/wx/token/refresh", Map.of("refresh_token", stolen)).json();
		assertThat(rotated.get("refresh_token").stringValue()).isNotEqualTo(stolen);

		assertThat(this.b.post("/wx/token/refresh", Map.of("refresh_token", stolen)).status()).isEqualTo(401);

		assertThat(this.a.post("/wx/token/refresh", Map.of("refresh_token", rotated.get("refresh_token").stringValue()))
			.status()).isEqualTo(401);
		assertWithinASecond(() -> me(this.a, rotated.get("access_token").stringValue()), 401);
	}

	@Test
	void phoneCallsRacingOnBothInstancesThenOneAccessTokenFetchForTheCluster() throws Exception {
		String tokenA = login(this.a, "o-cluster-token-a").get("access_token").stringValue();
		String tokenB = login(this.b, "o-cluster-token-b").get("access_token").stringValue();
		long before = this.wechat.stableTokenFetchCount(APP_ID);

		phoneCallsConcurrently(tokenA, tokenB);
		phoneCallsConcurrently(tokenA, tokenB);
		assertThat(this.wechat.stableTokenFetchCount(APP_ID) - before).as("stable_token fetches").isEqualTo(1);

		// WeChat refuses the shared token (40001): replaced once for both instances
		this.wechat.invalidateAccessTokens(APP_ID);
		phoneCallsConcurrently(tokenA, tokenB);
		phoneCallsConcurrently(tokenA, tokenB);
		assertThat(this.wechat.stableTokenFetchCount(APP_ID) - before).as("stable_token fetches").isEqualTo(2);
	}

	void phoneCallsConcurrently(String tokenA, String tokenB) throws Exception {
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
		try {
			java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
			List<java.util.concurrent.Future<Response>> calls = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				WxTestClient instance = (i % 2 == 0) ? this.a : this.b;
				String bearer = (i % 2 == 0) ? tokenA : tokenB;
				String code = this.wechat.createPhoneCode(APP_ID, "1358000" + (1000 + i));
				calls.add(pool.submit(() -> {
					go.await();
					return instance.post("/wx/phone", Map.of("code", code), "Authorization", "Bearer " + bearer);
				}));
			}
			go.countDown();
			for (java.util.concurrent.Future<Response> call : calls) {
				Response response = call.get(30, java.util.concurrent.TimeUnit.SECONDS);
				assertThat(response.status()).as(response.body()).isEqualTo(200);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void refreshOnAnotherInstanceThenRotatedThere() {
		JsonNode tokens = login(this.a, "o-cluster-refresh");
		Response refreshed = this.b.post("/wx/token/refresh",
				Map.of("refresh_token", tokens.get("refresh_token").stringValue()));
		assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
		JsonNode next = refreshed.json();
		assertThat(me(this.a, next.get("access_token").stringValue())).isEqualTo(200);
		assertThat(this.a.post("/wx/token/refresh", Map.of("refresh_token", next.get("refresh_token").stringValue()))
			.status()).isEqualTo(200);
	}

	@Test
	void revokeAllOnOneInstanceThenEveryTokenOfTheUserRefusedOnTheOtherAndLaterLoginsWork() {
		JsonNode one = login(this.a, "o-cluster-all");
		JsonNode two = login(this.b, "o-cluster-all");
		JsonNode someoneElse = login(this.a, "o-cluster-all-other");
		WxLoginSessions sessions = this.first.getBean(WxLoginSessions.class);
		assertThat(sessions.list(APP_ID, "o-cluster-all")).hasSize(2)
			.allSatisfy((WxLoginSession login) -> assertThat(login.lastRefreshed()).isEqualTo(login.created()));

		assertThat(sessions.revokeAll(APP_ID, "o-cluster-all")).isEqualTo(2);

		for (JsonNode tokens : List.of(one, two)) {
			assertThat(me(this.a, tokens.get("access_token").stringValue())).isEqualTo(401);
			assertWithinASecond(() -> me(this.b, tokens.get("access_token").stringValue()), 401);
			assertThat(
					this.b.post("/wx/token/refresh", Map.of("refresh_token", tokens.get("refresh_token").stringValue()))
						.status())
				.isEqualTo(401);
		}
		assertThat(me(this.b, someoneElse.get("access_token").stringValue())).isEqualTo(200);
		assertThat(sessions.list(APP_ID, "o-cluster-all")).isEmpty();
		JsonNode later = login(this.b, "o-cluster-all");
		assertThat(me(this.a, later.get("access_token").stringValue())).isEqualTo(200);
		assertThat(this.second.getBean(WxLoginSessions.class).list(APP_ID, "o-cluster-all")).hasSize(1);
	}

	@Test
	void codeUsedOnOneInstanceThenRefusedOnTheOtherWithoutAskingWechat() {
		String code = this.wechat.createCode(APP_ID, "o-cluster-code");
		assertThat(this.a.post("/wx/login", Map.of("code", code)).status()).isEqualTo(200);
		long calls = this.wechat.requestCount(WxSimulator.CODE2SESSION_PATH);

		Response replay = this.b.post("/wx/login", Map.of("code", code));

		assertThat(replay.status()).isEqualTo(401);
		assertThat(replay.json().get("error").stringValue()).isEqualTo("invalid_code");
		assertThat(this.wechat.requestCount(WxSimulator.CODE2SESSION_PATH)).isEqualTo(calls);
	}

	@Test
	void phoneOnAnotherInstanceThenSessionKeyOfTheLoginFound() {
		String accessToken = login(this.a, "o-cluster-phone").get("access_token").stringValue();
		var data = this.wechat.legacyPhone(APP_ID, "o-cluster-phone", "13580006666");

		Response response = this.b.post("/wx/phone", Map.of("encryptedData", data.encryptedData(), "iv", data.iv()),
				"Authorization", "Bearer " + accessToken);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
	}

}
