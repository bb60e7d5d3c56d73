package io.github.wxlogin.test.it;

import java.net.http.HttpResponse;
import java.util.Map;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.wxlogin.test.simulator.WxSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code wx.login.*} meters over real HTTP, and the login and refresh managers
 * observed as {@code spring.security.authentications}: only bounded tags, never an openid
 * or token.
 */
@SpringBootTest(classes = { LoginTestApplication.class, MetricsEndToEndTests.Meters.class },
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = "wx.login.limits.login-failures.max=2")
class MetricsEndToEndTests {

	static final String APP = "wx-metrics-app";

	static final String OPENID = "o-metrics-user-0123456789abcdef";

	static final WxSimulator wechat = WxSimulator.start().registerApp(APP, "secret-m");

	@DynamicPropertySource
	static void wechat(DynamicPropertyRegistry registry) {
		registry.add("wx.login.api-base-url", wechat::baseUrl);
		registry.add("wx.login.app-id", () -> APP);
		registry.add("wx.login.app-secret", () -> "secret-m");
	}

	@AfterAll
	static void stopWechat() {
		wechat.close();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Meters {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		ObservationRegistry observationRegistry(MeterRegistry meters) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
			return registry;
		}

	}

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	double count(String name, String... tags) {
		return this.meters.find(name).tags(tags).counters().stream().mapToDouble((c) -> c.count()).sum();
	}

	@Test
	void flowsThenCountedWithBoundedTagsOnly() {
		TestHttp http = new TestHttp("http://127.0.0.1:" + this.port);
		HttpResponse<String> login = http.postJson("/wx/login", Map.of("code", wechat.createCode(APP, OPENID)));
		assertThat(login.statusCode()).isEqualTo(200);
		String access = TestHttp.json(login).get("access_token").stringValue();
		String refresh = TestHttp.json(login).get("refresh_token").stringValue();
		http.get("/api/me", "Authorization", "Bearer " + access);
		http.get("/api/me", "Authorization", "Bearer " + access);
		HttpResponse<String> rotated = http.postJson("/wx/token/refresh", Map.of("refresh_token", refresh));
		assertThat(rotated.statusCode()).isEqualTo(200);
		http.postJson("/wx/token/refresh", Map.of("refresh_token", refresh));
		HttpResponse<String> again = http.postJson("/wx/login", Map.of("code", wechat.createCode(APP, OPENID)));
		String second = TestHttp.json(again).get("access_token").stringValue();
		http.postJson("/wx/phone", Map.of("code", wechat.createPhoneCode(APP, OPENID, "13800138000")), "Authorization",
				"Bearer " + second);
		assertThat(http.post("/wx/logout", "", "Authorization", "Bearer " + second).statusCode()).isEqualTo(204);
		// last: two failures use up this address's failed logins, the third is refused
		http.postJson("/wx/login", Map.of("code", "junk-code-1"));
		http.postJson("/wx/login", Map.of("code", "junk-code-2"));
		http.postJson("/wx/login", Map.of("code", "junk-code-3"));

		assertThat(count("wx.login.logins", "app", APP, "outcome", "success")).isEqualTo(2);
		assertThat(count("wx.login.logins", "app", APP, "outcome", "invalid_code")).isEqualTo(2);
		assertThat(count("wx.login.limits.rejections", "limit", "login-failures")).isEqualTo(1);
		assertThat(count("wx.login.refreshes", "outcome", "rotated")).isEqualTo(1);
		assertThat(count("wx.login.refreshes", "outcome", "reuse_detected")).isEqualTo(1);
		assertThat(count("wx.login.revocations", "reason", "reuse_detected")).isEqualTo(1);
		assertThat(count("wx.login.revocations", "reason", "logout")).isEqualTo(1);
		assertThat(count("wx.login.logouts")).isEqualTo(1);
		assertThat(count("wx.login.token.cache.lookups", "result", "miss")).isGreaterThanOrEqualTo(1);
		assertThat(count("wx.login.token.cache.lookups", "result", "hit")).isGreaterThanOrEqualTo(1);
		assertThat(count("wx.login.wechat.access.token.fetches", "app", APP, "outcome", "success")).isEqualTo(1);
		assertThat(this.meters.find("wx.login.wechat.calls").tags("api", "code2Session", "outcome", "success").timer())
			.satisfies((timer) -> assertThat(timer.count()).isEqualTo(2));
		assertThat(this.meters.find("wx.login.wechat.calls")
			.tags("api", "code2Session", "outcome", "errcode_40029")
			.timer()
			.count()).isEqualTo(2);
		assertThat(this.meters.find("wx.login.wechat.calls").tags("api", "getuserphonenumber").timer().count())
			.isEqualTo(1);
		assertThat(this.meters.find("spring.security.authentications").timers()).isNotEmpty();

		for (Meter meter : this.meters.getMeters()) {
			if (meter.getId().getName().startsWith("wx.login.")) {
				for (Tag tag : meter.getId().getTags()) {
					assertThat(tag.getValue()).doesNotContain(OPENID.substring(0, 10))
						.doesNotContain("junk")
						.doesNotContain("127.0.0.1");
				}
			}
		}
	}

}
