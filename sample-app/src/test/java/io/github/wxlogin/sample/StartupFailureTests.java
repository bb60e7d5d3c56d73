package io.github.wxlogin.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Start-up with unusable configuration fails naming the property, and never prints a
 * secret's value, not even in Spring Boot's failure report.
 * <p>
 * Left out of the AOT pass (the {@code aot} profile of {@code sample-app/pom.xml}
 * excludes it; it runs in every normal pass): each test starts the application with
 * {@code SpringApplication.run} and its own configuration, which in AOT mode needs an AOT
 * initializer from {@code process-aot} made for that configuration.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTests {

	static void start(String... args) {
		String[] all = new String[args.length + 3];
		all[0] = "--server.port=0";
		all[1] = "--management.server.port=0";
		all[2] = "--spring.datasource.url=jdbc:h2:mem:startup;DB_CLOSE_DELAY=-1";
		System.arraycopy(args, 0, all, 3, args.length);
		assertThatException().isThrownBy(() -> SpringApplication.run(SampleApplication.class, all).close());
	}

	@Test
	void startWhenJwtSecretTooShortThenPropertyNamedAndValueNeverPrinted(CapturedOutput output) {
		start("--wx.login.jwt.secret=short-Secret-Value-77");
		assertThat(output).contains("wx.login.jwt.secret").doesNotContain("short-Secret-Value-77");
	}

	@Test
	void startWhenAppSecretMissingThenPropertyNamed(CapturedOutput output) {
		start("--wx.login.app-id=wx-startup-app", "--wx.login.app-secret=");
		assertThat(output).contains("wx.login.app-secret");
	}

	@Test
	void startWhenWxAppIdSetButBlankThenVariableNamedAndNoDemo(CapturedOutput output) {
		start("--WX_APP_ID=", "--WX_APP_SECRET=some-secret");
		assertThat(output).contains("WX_APP_ID").doesNotContain("DEMO MODE");
	}

	@Test
	void startWhenWxAppSecretSetButBlankThenVariableNamedAndNoDemo(CapturedOutput output) {
		start("--WX_APP_ID=wx-startup-app", "--WX_APP_SECRET=  ");
		assertThat(output).contains("WX_APP_SECRET").doesNotContain("DEMO MODE");
	}

	@Test
	void startWhenPrivateKeyUnreadableThenPropertyNamed(CapturedOutput output) {
		start("--wx.login.jwt.private-key=file:/nonexistent/key.pem");
		assertThat(output).contains("wx.login.jwt.private-key");
	}

}
