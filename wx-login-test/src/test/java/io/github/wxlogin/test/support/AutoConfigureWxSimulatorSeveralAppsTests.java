package io.github.wxlogin.test.support;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import io.github.wxlogin.authentication.WxApps;
import io.github.wxlogin.test.AutoConfigureWxSimulator;
import io.github.wxlogin.test.AutoConfigureWxSimulator.App;
import io.github.wxlogin.test.simulator.WxSimulator;
import io.github.wxlogin.wechat.WxApp;

import static io.github.wxlogin.test.WxLoginRequestPostProcessors.wxBearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
@AutoConfigureWxSimulator(apps = { @App(appId = "wx-shop", appSecret = "shop-secret"),
		@App(appId = "wx-games", appSecret = "games-secret") }, boundToOpenPlatform = false)
class AutoConfigureWxSimulatorSeveralAppsTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	WxSimulator wechat;

	@Autowired
	WxApps apps;

	@Test
	void appsWhenSeveralThenEachConfigured() {
		assertThat(this.apps.all()).extracting(WxApp::appId).containsExactlyInAnyOrder("wx-shop", "wx-games");
	}

	@Test
	void loginWhenSecondAppNotBoundToOpenPlatformThenNoUnionid() throws Exception {
		String code = this.wechat.createCode("wx-games", "o-player");

		this.mvc
			.perform(post("/wx/login").contentType(MediaType.APPLICATION_JSON)
				.content("{\"code\":\"" + code + "\",\"appId\":\"wx-games\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.openid").value("o-player"))
			.andExpect(jsonPath("$.unionid").doesNotExist());
	}

	@Test
	void wxBearerWhenSeveralAppsAndAppNamedThenAuthenticated() throws Exception {
		this.mvc.perform(get("/whoami").with(wxBearer("o-player").appId("wx-games")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("o-player"));
	}

	@Test
	void wxBearerWhenSeveralAppsAndNoneNamedThenFailsNamingThem() {
		assertThatIllegalStateException().isThrownBy(() -> this.mvc.perform(get("/whoami").with(wxBearer("o-player"))))
			.withMessageContaining("wx-shop")
			.withMessageContaining("wx-games");
	}

	@Test
	void simulatorWhenOtherConfigurationThenNotSharedWithDefaultOne() {
		assertThat(SimulatorsSeen.withDefaultConfiguration).doesNotContain(this.wechat);
	}

}
