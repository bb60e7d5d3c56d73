package io.github.wxlogin.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.wxlogin.test.simulator.WxSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo mode only when meant: with no credentials at all the simulator starts and the DEMO
 * MODE warning reaches the log (logged once logging is set up); with credentials it does
 * not.
 * <p>
 * Left out of the AOT pass (the {@code aot} profile of {@code sample-app/pom.xml}
 * excludes it; it runs in every normal pass): each test starts the application with
 * {@code SpringApplication.run} and its own configuration, which in AOT mode needs an AOT
 * initializer from {@code process-aot} made for that configuration.
 * <p>
 * Not on {@code @AutoConfigureWxSimulator}: each test starts the sample with
 * {@code SpringApplication.run}, outside Spring's test context, and the one with
 * credentials starts the simulator its arguments name itself.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoModeStartupTests {

	@Test
	void startWhenNoCredentialsThenDemoModeWarningLogged(CapturedOutput output) {
		try (ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, "--server.port=0",
				"--management.server.port=0", "--spring.datasource.url=jdbc:h2:mem:demo-startup;DB_CLOSE_DELAY=-1")) {
			assertThat(context.getBeansOfType(WxSimulator.class)).hasSize(1);
		}
		assertThat(output).containsPattern("WARN .*wx-login DEMO MODE: no WeChat app configured");
	}

	@Test
	void startWhenCredentialsGivenThenNoDemoMode(CapturedOutput output) {
		try (WxSimulator wechat = WxSimulator.start().registerApp("wx-startup-real", "real-secret");
				ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class,
						"--server.port=0", "--management.server.port=0", "--WX_APP_ID=wx-startup-real",
						"--WX_APP_SECRET=real-secret", "--wx.login.api-base-url=" + wechat.baseUrl(),
						"--spring.datasource.url=jdbc:h2:mem:real-startup;DB_CLOSE_DELAY=-1")) {
			assertThat(context.getBeansOfType(WxSimulator.class)).isEmpty();
		}
		assertThat(output).doesNotContain("DEMO MODE");
	}

}
