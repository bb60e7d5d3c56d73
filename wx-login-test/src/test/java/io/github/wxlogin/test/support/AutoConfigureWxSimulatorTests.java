package io.github.wxlogin.test.support;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import io.github.wxlogin.authentication.WxApps;
import io.github.wxlogin.test.AutoConfigureWxSimulator;
import io.github.wxlogin.test.simulator.WxSimulator;
import io.github.wxlogin.wechat.WxApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
@AutoConfigureWxSimulator
class AutoConfigureWxSimulatorTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	WxSimulator wechat;

	@Autowired
	Environment environment;

	@Autowired
	ApplicationContext context;

	@Test
	void simulatorWhenAnnotatedThenBeanAndApiBaseUrlPointsAtIt() {
		assertThat(this.context.getBeanNamesForType(WxSimulator.class)).containsExactly("wxSimulator");
		assertThat(this.environment.getProperty("wx.login.api-base-url")).isEqualTo(this.wechat.baseUrl());
		assertThat(this.wechat.baseUrl()).startsWith("http://127.0.0.1:");
	}

	@Test
	void appsWhenDefaultThenOneTestAppConfigured() {
		assertThat(this.context.getBean(WxApps.class).all()).extracting(WxApp::appId)
			.containsExactly(AutoConfigureWxSimulator.DEFAULT_APP_ID);
		assertThat(this.environment.getProperty("wx.login.app-secret"))
			.isEqualTo(AutoConfigureWxSimulator.DEFAULT_APP_SECRET);
	}

	@Test
	void loginWhenCodeFromSimulatorThenTokensWithUnionid() throws Exception {
		String code = this.wechat.createCode(AutoConfigureWxSimulator.DEFAULT_APP_ID, "o-login");

		this.mvc
			.perform(post("/wx/login").contentType(MediaType.APPLICATION_JSON).content("{\"code\":\"" + code + "\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.openid").value("o-login"))
			.andExpect(jsonPath("$.unionid").isNotEmpty())
			.andExpect(jsonPath("$.access_token").isNotEmpty());
	}

	@Test
	void simulatorWhenSameConfigurationThenSharedWithOtherTestClasses() {
		SimulatorsSeen.withDefaultConfiguration.add(this.wechat);
		assertThat(SimulatorsSeen.withDefaultConfiguration).containsExactly(this.wechat);
	}

}
