package io.github.wxlogin.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.security.web.firewall.HttpStatusRequestRejectedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import io.github.wxlogin.web.ProblemRequestRejectedHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Problems outside the endpoints: the firewall's handler and the error page replace
 * Boot's, back off for the application's own, and are off with
 * {@code wx.login.errors.enabled=false}.
 */
class WxLoginErrorsAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, SecurityAutoConfiguration.class,
				DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class,
				ErrorMvcAutoConfiguration.class, WxLoginAutoConfiguration.class, WxLoginErrorsAutoConfiguration.class))
		.withPropertyValues("wx.login.app-id=wx-errors-app", "wx.login.app-secret=errors-secret");

	@Test
	void errorsWhenDefaultThenProblemHandlerAndErrorPageInsteadOfBoots() {
		this.contextRunner.run((context) -> {
			assertThat(context).getBean(RequestRejectedHandler.class).isInstanceOf(ProblemRequestRejectedHandler.class);
			assertThat(context).getBean(ErrorController.class).isInstanceOf(ProblemErrorController.class);
			assertThat(context).doesNotHaveBean(BasicErrorController.class);
		});
	}

	@Test
	void errorsWhenApplicationHasItsOwnThenBackOff() {
		this.contextRunner.withBean(RequestRejectedHandler.class, HttpStatusRequestRejectedHandler::new)
			.run((context) -> assertThat(context).getBean(RequestRejectedHandler.class)
				.isInstanceOf(HttpStatusRequestRejectedHandler.class));
	}

	@Test
	void errorsWhenSwitchedOffThenBootsErrorPage() {
		this.contextRunner.withPropertyValues("wx.login.errors.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(RequestRejectedHandler.class);
			assertThat(context).hasSingleBean(BasicErrorController.class);
		});
	}

	@Test
	void errorsWhenStarterDisabledThenNothing() {
		this.contextRunner.withPropertyValues("wx.login.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ProblemErrorController.class));
	}

}
