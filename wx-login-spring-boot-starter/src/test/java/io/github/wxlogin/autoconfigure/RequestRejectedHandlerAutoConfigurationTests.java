package io.github.wxlogin.autoconfigure;

import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import io.github.wxlogin.web.ProblemRequestRejectedHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The firewall's rejections are answered with problem+json unless the application has its
 * own {@link RequestRejectedHandler}.
 */
class RequestRejectedHandlerAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
				JacksonAutoConfiguration.class, WxLoginAutoConfiguration.class,
				WxLoginWebSecurityAutoConfiguration.class, WxLoginErrorsAutoConfiguration.class))
		.withPropertyValues("wx.login.app-id=wxapp1", "wx.login.app-secret=app-secret-0123456789");

	@Test
	void requestWhenRejectedByTheFirewallThenInvalidRequestProblem() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(RequestRejectedHandler.class);
			assertThat(context.getBean(RequestRejectedHandler.class)).isInstanceOf(ProblemRequestRejectedHandler.class);
			Filter chain = context.getBean("springSecurityFilterChain", Filter.class);
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/me");
			request.addHeader("Authorization", "Bearer a\u0085b");
			MockHttpServletResponse response = new MockHttpServletResponse();
			chain.doFilter(request, response, new MockFilterChain());
			assertThat(response.getStatus()).isEqualTo(400);
			assertThat(response.getContentType()).startsWith("application/problem+json");
			assertThat(response.getContentAsString()).contains("\"error\":\"invalid_request\"");
		});
	}

	@Test
	void contextWhenUserRequestRejectedHandlerThenOursBacksOff() {
		this.contextRunner.withUserConfiguration(UserHandlerConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(RequestRejectedHandler.class);
			assertThat(context.getBean(RequestRejectedHandler.class))
				.isInstanceOf(HttpStatusRequestRejectedHandler.class);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserHandlerConfiguration {

		@Bean
		RequestRejectedHandler appRequestRejectedHandler() {
			return new HttpStatusRequestRejectedHandler();
		}

	}

}
