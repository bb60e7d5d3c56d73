package io.github.wxlogin.sample;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;

import io.github.wxlogin.test.WithMockWxUser;

import static io.github.wxlogin.test.WxLoginRequestPostProcessors.wxBearer;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.testSecurityContext;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code GET /api/me} with wx-login's test helpers: a real bearer token of a chosen user
 * ({@code wxBearer}) and a mock security context ({@code @WithMockWxUser}). The sample
 * runs in demo mode here (no app configured), so the starter serves the demo app.
 */
@SpringBootTest
@AutoConfigureMockMvc
class MeControllerTests {

	@Autowired
	MockMvc mvc;

	@Test
	void meWhenWxBearerThenOpenidUnionidAndRoleUser() throws Exception {
		this.mvc.perform(get("/api/me").with(wxBearer("o-alice").unionid("u-alice")))
			.andExpect(status().isOk())
			.andExpect(content().json("""
					{ "openid": "o-alice", "unionid": "u-alice", "authorities": ["ROLE_USER"] }
					""", JsonCompareMode.STRICT));
	}

	@Test
	void meWhenWxBearerWithoutUnionidThenUnionidNull() throws Exception {
		this.mvc.perform(get("/api/me").with(wxBearer("o-alice").authorities("ROLE_USER", "ROLE_ADMIN")))
			.andExpect(status().isOk())
			.andExpect(content().json("""
					{ "openid": "o-alice", "unionid": null, "authorities": ["ROLE_USER", "ROLE_ADMIN"] }
					""", JsonCompareMode.LENIENT));
	}

	@Test
	void meWhenWxBearerLoggedOutThenUnauthorized() throws Exception {
		String bearer = this.mvc.perform(get("/api/me").with(wxBearer("o-alice")))
			.andExpect(status().isOk())
			.andReturn()
			.getRequest()
			.getHeader(HttpHeaders.AUTHORIZATION);

		this.mvc.perform(post("/wx/logout").header(HttpHeaders.AUTHORIZATION, bearer))
			.andExpect(status().isNoContent());

		this.mvc.perform(get("/api/me").header(HttpHeaders.AUTHORIZATION, bearer)).andExpect(status().isUnauthorized());
	}

	@Test
	void meWhenNoTokenThenUnauthorized() throws Exception {
		this.mvc.perform(get("/api/me")).andExpect(status().isUnauthorized());
	}

	// testSecurityContext(): the sample has no spring-boot-starter-security-test, which
	// would apply it to every request
	@Test
	@WithMockWxUser(openid = "o-bob", unionid = "u-bob")
	void meWhenWithMockWxUserThenThatUser() throws Exception {
		this.mvc.perform(get("/api/me").with(testSecurityContext()))
			.andExpect(status().isOk())
			.andExpect(content().json("""
					{ "openid": "o-bob", "unionid": "u-bob", "authorities": ["ROLE_USER"] }
					""", JsonCompareMode.STRICT));
	}

}
