package io.github.wxlogin.test.support;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

import io.github.wxlogin.test.AutoConfigureWxSimulator;
import io.github.wxlogin.test.simulator.WxSimulator;

import static io.github.wxlogin.test.WxLoginRequestPostProcessors.wxBearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
@AutoConfigureWxSimulator
class WxBearerRequestPostProcessorTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	WxSimulator wechat;

	String bearerOf(String openid) throws Exception {
		return this.mvc.perform(get("/whoami").with(wxBearer(openid)))
			.andExpect(status().isOk())
			.andReturn()
			.getRequest()
			.getHeader(HttpHeaders.AUTHORIZATION);
	}

	@Test
	void requestWhenWxBearerThenAuthenticatedAsOpenidWithRoleUser() throws Exception {
		this.mvc.perform(get("/whoami").with(wxBearer("o-alice")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.type").value("WxJwtAuthenticationToken"))
			.andExpect(jsonPath("$.name").value("o-alice"))
			.andExpect(jsonPath("$.authorities").value(hasItem("ROLE_USER")))
			.andExpect(jsonPath("$.authorities").value(not(hasItem("ROLE_ADMIN"))))
			.andExpect(jsonPath("$.claims")
				.value(hasItems("sub", "appid", "scope", "iss", "aud", "iat", "exp", "jti", "sid")))
			.andExpect(jsonPath("$.claims").value(not(hasItem("unionid"))));
	}

	@Test
	void requestWhenWxBearerWithAuthoritiesAndUnionidThenThoseInToken() throws Exception {
		this.mvc.perform(get("/whoami").with(wxBearer("o-admin").unionid("u-admin").authorities("ROLE_ADMIN")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("o-admin"))
			.andExpect(jsonPath("$.authorities").value(contains("FACTOR_BEARER", "ROLE_ADMIN")))
			.andExpect(jsonPath("$.claims").value(hasItem("unionid")))
			.andExpect(jsonPath("$.type").value("WxJwtAuthenticationToken"))
			.andExpect(jsonPath("$.principal.openid").value("o-admin"))
			.andExpect(jsonPath("$.principal.unionid").value("u-admin"))
			.andExpect(jsonPath("$.principal.appId").value(AutoConfigureWxSimulator.DEFAULT_APP_ID))
			.andExpect(jsonPath("$.principal.hasLoginId").value(true));
	}

	@Test
	void requestWhenWxBearerTamperedThenUnauthorized() throws Exception {
		String bearer = bearerOf("o-alice");
		int signature = bearer.lastIndexOf('.') + 1;
		char first = bearer.charAt(signature);
		String tampered = bearer.substring(0, signature) + ((first == 'A') ? 'B' : 'A')
				+ bearer.substring(signature + 1);

		this.mvc.perform(get("/whoami").header(HttpHeaders.AUTHORIZATION, tampered))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.error").value("invalid_token"));
	}

	@Test
	void requestWhenWxBearerLoggedOutThenUnauthorized() throws Exception {
		String bearer = bearerOf("o-alice");

		this.mvc.perform(post("/wx/logout").header(HttpHeaders.AUTHORIZATION, bearer))
			.andExpect(status().isNoContent());

		this.mvc.perform(get("/whoami").header(HttpHeaders.AUTHORIZATION, bearer))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.error").value("invalid_token"));
		this.mvc.perform(get("/whoami").with(wxBearer("o-alice"))).andExpect(status().isOk());
	}

	@Test
	void requestWhenWxBearerForUnknownAppThenFailsNamingIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.mvc.perform(get("/whoami").with(wxBearer("o-alice").appId("wx-unknown"))))
			.withMessageContaining("wx-unknown");
	}

	@Test
	void simulatorWhenSameConfigurationThenSharedWithOtherTestClasses() {
		SimulatorsSeen.withDefaultConfiguration.add(this.wechat);
		assertThat(SimulatorsSeen.withDefaultConfiguration).containsExactly(this.wechat);
	}

}
