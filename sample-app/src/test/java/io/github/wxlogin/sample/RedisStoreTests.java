package io.github.wxlogin.sample;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.wxlogin.sample.demo.DemoModeEnvironmentPostProcessor;
import io.github.wxlogin.store.RedisServer;
import io.github.wxlogin.test.simulator.WxSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The sample (demo mode) on the Redis store, {@code wx.login.store=redis}, against a real
 * {@code redis-server}: login, bearer request, refresh rotation (the store's Lua script)
 * and logout, with the state in Redis. In AOT mode ({@code -Paot}) this is the test that
 * runs the Redis store's beans, chosen at build time.
 */
@SpringBootTest(properties = "wx.login.store=redis")
@AutoConfigureMockMvc
class RedisStoreTests {

	private static RedisServer redis;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.host", () -> "127.0.0.1");
		registry.add("spring.data.redis.port", () -> server().port());
	}

	private static synchronized RedisServer server() {
		if (redis == null) {
			redis = RedisServer.start();
		}
		return redis;
	}

	@AfterAll
	static void stop() {
		if (redis != null) {
			redis.close();
		}
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	WxSimulator wechat;

	@Autowired
	StringRedisTemplate redisTemplate;

	@Test
	void loginRefreshLogoutWhenRedisStoreThenStateInRedis() throws Exception {
		String code = this.wechat.createCode(DemoModeEnvironmentPostProcessor.DEMO_APP_ID, "o-redis");
		JsonNode tokens = json(this.mvc
			.perform(post("/wx/login").contentType(MediaType.APPLICATION_JSON).content("{\"code\":\"" + code + "\"}"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(this.redisTemplate.keys("*")).isNotEmpty();

		JsonNode rotated = json(this.mvc
			.perform(post("/wx/token/refresh").contentType(MediaType.APPLICATION_JSON)
				.content("{\"refresh_token\":\"" + tokens.get("refresh_token").asString() + "\"}"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
		String bearer = "Bearer " + rotated.get("access_token").asString();
		this.mvc.perform(get("/api/me").header(HttpHeaders.AUTHORIZATION, bearer)).andExpect(status().isOk());

		this.mvc.perform(post("/wx/logout").header(HttpHeaders.AUTHORIZATION, bearer))
			.andExpect(status().isNoContent());
		this.mvc.perform(get("/api/me").header(HttpHeaders.AUTHORIZATION, bearer)).andExpect(status().isUnauthorized());
	}

	private static JsonNode json(String body) {
		return JsonMapper.shared().readTree(body);
	}

}
