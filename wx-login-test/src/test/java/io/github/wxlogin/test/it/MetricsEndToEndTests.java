package io.github.wxlogin.test.it;

import java.util.Map;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import io.github.wxlogin.test.AutoConfigureWxSimulator;
import io.github.wxlogin.test.AutoConfigureWxSimulator.App;
import io.github.wxlogin.test.WxTestClient;
import io.github.wxlogin.test.WxTestClient.Response;
import io.github.wxlogin.test.simulator.WxSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code wx.login.*} meters over real HTTP, and the login and refresh managers
 * observed as {@code spring.security.authentications}: only bounded tags, never an openid
 * or token.
 */
@SpringBootTest(classes = { LoginTestApplication.class, MetricsEndToEndTests.Meters.class },
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = "wx.login.limits.login-failures.max=2")
@AutoConfigureWxSimulator(apps = @App(appId = MetricsEndToEndTests.APP, appSecret = "secret-m"),
		boundToOpenPlatform = false)
class MetricsEndToEndTests {

	static final String APP = "wx-metrics-app";

	static final String OPENID = "o-metrics-user-0123456789abcdef";

	@Autowired
	WxSimulator wechat;

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	double count(String name, String... tags) {
		return this.meters.find(name).tags(tags).counters().stream().mapToDouble((c) -> c.count()).sum();
	}

	@Test
	void flowsThenCountedWithBoundedTagsOnly() {
		WxTestClient http = WxTestClient.forPort(this.port);
		Response login = http.post("/wx/login", Map.of("code", this.wechat.createCode(APP, OPENID)));
		assertThat(login.status()).isEqualTo(200);
		String access = login.json().get("access_token").stringValue();
		String refresh = login.json().get("refresh_token").stringValue();
		http.get("/api/me", "Authorization", "Bearer " + access);
		http.get("/api/me", "Authorization", "Bearer " + access);
		Response rotated = http.post("/wx/token/refresh", Map.of("refresh_token", refresh));
		assertThat(rotated.status()).isEqualTo(200);
		http.post("/wx/token/refresh", Map.of("refresh_token", refresh));
		Response again = http.post("/wx/login", Map.of("code", this.wechat.createCode(APP, OPENID)));
		String second = again.json().get("access_token").stringValue();
		http.post("/wx/phone", Map.of("code", this.wechat.createPhoneCode(APP, OPENID, "13800138000")), "Authorization",
				"Bearer " + second);
		assertThat(http.post("/wx/logout", "", "Authorization", "Bearer " + second).status()).isEqualTo(204);
		// last: two failures use up this address's failed logins, the third is refused
		http.post("/wx/login", Map.of("code", "junk-code-1"));
		http.post("/wx/login", Map.of("code", "junk-code-2"));
		http.post("/wx/login", Map.of("code", "junk-code-3"));

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

}
