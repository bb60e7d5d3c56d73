package io.github.wxlogin.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import io.github.wxlogin.store.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code wxLogin} health contributor: signing key, store, each app's access token,
 * never a call to WeChat (the API base URL here answers nothing).
 */
class WxLoginHealthAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, SecurityAutoConfiguration.class,
				DataRedisAutoConfiguration.class, WxLoginAutoConfiguration.class, WxLoginHealthAutoConfiguration.class))
		.withPropertyValues("wx.login.app-id=wx-health-app", "wx.login.app-secret=health-secret",
				"wx.login.api-base-url=http://127.0.0.1:1");

	@Test
	void healthWhenMemoryStoreThenUpWithKeyStoreAndAccessTokenState() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasBean("wxLoginHealthIndicator");
			Health health = context.getBean("wxLoginHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsKeys("signingKey", "store", "apps");
			assertThat((Map<String, Object>) health.getDetails().get("signingKey")).containsEntry("algorithm", "ES256")
				.containsEntry("generated", true);
			assertThat((Map<String, Object>) health.getDetails().get("store")).containsEntry("type", "memory");
			assertThat(health.getDetails().get("apps").toString()).contains("wx-health-app").contains("none");
			assertThat(health.toString()).doesNotContain("health-secret");
		});
	}

	@Test
	void healthWhenRedisUnreachableThenDown() {
		this.contextRunner
			.withPropertyValues("wx.login.store=redis", "spring.data.redis.port=1", "spring.data.redis.timeout=500ms",
					"spring.data.redis.connect-timeout=500ms")
			.run((context) -> {
				Health health = context.getBean("wxLoginHealthIndicator", HealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat((Map<String, Object>) health.getDetails().get("store")).containsEntry("type", "redis")
					.containsEntry("status", "DOWN");
			});
	}

	@Test
	void healthWhenRedisReachableThenUp() {
		try (RedisServer redis = RedisServer.start()) {
			this.contextRunner.withPropertyValues("wx.login.store=redis", "spring.data.redis.port=" + redis.port())
				.run((context) -> assertThat(
						context.getBean("wxLoginHealthIndicator", HealthIndicator.class).health().getStatus())
					.isEqualTo(Status.UP));
		}
	}

	@Test
	void healthWhenSwitchedOffThenNoContributor() {
		this.contextRunner.withPropertyValues("management.health.wxlogin.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("wxLoginHealthIndicator"));
	}

	@Test
	void healthWhenHealthModuleMissingThenNoContributor() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("wxLoginHealthIndicator"));
	}

}
