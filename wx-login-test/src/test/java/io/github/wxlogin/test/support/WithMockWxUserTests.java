package io.github.wxlogin.test.support;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.test.context.TestSecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import io.github.wxlogin.test.AutoConfigureWxSimulator;
import io.github.wxlogin.test.WithMockWxUser;
import io.github.wxlogin.test.simulator.WxSimulator;

import static io.github.wxlogin.test.WxLoginRequestPostProcessors.wxBearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
@AutoConfigureWxSimulator
class WithMockWxUserTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	WxSimulator wechat;

	@Test
	@WithMockWxUser(openid = "o-bob", authorities = "ROLE_ADMIN")
	void requestWhenWithMockWxUserThenAuthenticatedAsThatUser() throws Exception {
		this.mvc.perform(get("/whoami"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.type").value("WxJwtAuthenticationToken"))
			.andExpect(jsonPath("$.name").value("o-bob"))
			.andExpect(jsonPath("$.authorities").value(contains("FACTOR_BEARER", "ROLE_ADMIN")));
	}

	@Test
	@WithMockWxUser("o-carol")
	void securityContextWhenWithMockWxUserThenClaimsOfAnAccessToken() {
		JwtAuthenticationToken authentication = (JwtAuthenticationToken) SecurityContextHolder.getContext()
			.getAuthentication();
		Jwt jwt = authentication.getToken();

		assertThat(authentication.getName()).isEqualTo("o-carol");
		assertThat(jwt.getSubject()).isEqualTo("o-carol");
		assertThat(jwt.getClaimAsString("appid")).isEqualTo(AutoConfigureWxSimulator.DEFAULT_APP_ID);
		assertThat(jwt.getAudience()).containsExactly(AutoConfigureWxSimulator.DEFAULT_APP_ID);
		assertThat(jwt.getClaimAsString("iss")).isEqualTo("wx-login");
		assertThat(jwt.getClaimAsString("scope")).isEqualTo("ROLE_USER");
		assertThat(jwt.getId()).isNotBlank();
		assertThat(jwt.getClaimAsString("sid")).isNotBlank();
		assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofHours(2));
		assertThat(jwt.hasClaim("unionid")).isFalse();
		assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactlyInAnyOrder("ROLE_USER", "FACTOR_BEARER");
	}

	@Test
	@WithMockWxUser(openid = "o-dave", appId = "wx-other-app", unionid = "u-dave",
			authorities = { "ROLE_USER", "SCOPE_read" })
	void securityContextWhenScopeAuthorityThenPrefixDroppedAsInARealToken() {
		JwtAuthenticationToken authentication = (JwtAuthenticationToken) SecurityContextHolder.getContext()
			.getAuthentication();

		assertThat(authentication.getToken().getClaimAsString("appid")).isEqualTo("wx-other-app");
		assertThat(authentication.getToken().getClaimAsString("unionid")).isEqualTo("u-dave");
		assertThat(authentication.getToken().getClaimAsString("scope")).isEqualTo("ROLE_USER read");
		assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactlyInAnyOrder("ROLE_USER", "read", "FACTOR_BEARER");
	}

	@Test
	@WithMockWxUser("o-erin")
	void requestWhenWithMockWxUserThenSameAuthenticationAsRealBearer() throws Exception {
		MvcResult mock = this.mvc.perform(get("/whoami")).andExpect(status().isOk()).andReturn();
		TestSecurityContextHolder.clearContext();
		MvcResult real = this.mvc.perform(get("/whoami").with(wxBearer("o-erin")))
			.andExpect(status().isOk())
			.andReturn();

		assertThat(mock.getResponse().getContentAsString()).isEqualTo(real.getResponse().getContentAsString())
			.contains("\"principal\":{\"appId\"")
			.contains("\"openid\":\"o-erin\"")
			.contains("\"hasLoginId\":true");
	}

	@Test
	void simulatorWhenSameConfigurationThenSharedWithOtherTestClasses() {
		SimulatorsSeen.withDefaultConfiguration.add(this.wechat);
		assertThat(SimulatorsSeen.withDefaultConfiguration).containsExactly(this.wechat);
	}

}
