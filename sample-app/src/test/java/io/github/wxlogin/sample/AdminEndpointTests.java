package io.github.wxlogin.sample;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

import io.github.wxlogin.authentication.WxApps;

import static io.github.wxlogin.test.WxLoginRequestPostProcessors.wxBearer;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The operators' API: {@code POST /admin/users/{openid}/logout} behind HTTP Basic in its
 * own chain, only with {@code sample.admin-password} set.
 */
class AdminEndpointTests {

	@Nested
	@SpringBootTest(properties = "sample.admin-password=s3cret-admin")
	@AutoConfigureMockMvc
	class WithAdminPassword {

		@Autowired
		MockMvc mvc;

		@Autowired
		WxApps apps;

		String bearer(String openid) throws Exception {
			return this.mvc.perform(get("/api/me").with(wxBearer(openid)))
				.andExpect(status().isOk())
				.andReturn()
				.getRequest()
				.getHeader(HttpHeaders.AUTHORIZATION);
		}

		@Test
		void logoutWhenAdminThenEveryLoginOfTheUserRevokedAndOthersKept() throws Exception {
			String first = bearer("o-admin-target");
			String second = bearer("o-admin-target");
			String other = bearer("o-admin-bystander");

			this.mvc.perform(post("/admin/users/o-admin-target/logout").with(httpBasic("admin", "s3cret-admin")))
				.andExpect(status().isNoContent())
				.andExpect(header().doesNotExist(HttpHeaders.SET_COOKIE));

			this.mvc.perform(get("/api/me").header(HttpHeaders.AUTHORIZATION, first))
				.andExpect(status().isUnauthorized());
			this.mvc.perform(get("/api/me").header(HttpHeaders.AUTHORIZATION, second))
				.andExpect(status().isUnauthorized());
			this.mvc.perform(get("/api/me").header(HttpHeaders.AUTHORIZATION, other)).andExpect(status().isOk());
			bearer("o-admin-target");
		}

		@Test
		void logoutWhenAppIdGivenThenThatAppOrUnknownApp() throws Exception {
			String token = bearer("o-admin-app");
			String appId = this.apps.all().get(0).appId();
			this.mvc
				.perform(
						post("/admin/users/o-admin-app/logout?appId=" + appId).with(httpBasic("admin", "s3cret-admin")))
				.andExpect(status().isNoContent());
			this.mvc.perform(get("/api/me").header(HttpHeaders.AUTHORIZATION, token))
				.andExpect(status().isUnauthorized());
			this.mvc
				.perform(post("/admin/users/o-admin-app/logout?appId=wx-not-configured")
					.with(httpBasic("admin", "s3cret-admin")))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.error").value("unknown_app"));
		}

		@Test
		void logoutWhenWrongPasswordOrBearerThenUnauthorized() throws Exception {
			this.mvc.perform(post("/admin/users/o-x/logout").with(httpBasic("admin", "wrong")))
				.andExpect(status().isUnauthorized());
			this.mvc.perform(post("/admin/users/o-x/logout")).andExpect(status().isUnauthorized());
			this.mvc.perform(post("/admin/users/o-x/logout").header(HttpHeaders.AUTHORIZATION, bearer("o-x")))
				.andExpect(status().isUnauthorized());
		}

	}

	@Nested
	@SpringBootTest
	@AutoConfigureMockMvc
	class WithoutAdminPassword {

		@Autowired
		MockMvc mvc;

		@Test
		void logoutWhenNoAdminPasswordThenNoSuchEndpoint() throws Exception {
			this.mvc.perform(post("/admin/users/o-x/logout").with(httpBasic("admin", "anything")))
				.andExpect(status().isUnauthorized());
			this.mvc.perform(post("/admin/users/o-x/logout").with(wxBearer("o-x"))).andExpect(status().isNotFound());
		}

	}

}
