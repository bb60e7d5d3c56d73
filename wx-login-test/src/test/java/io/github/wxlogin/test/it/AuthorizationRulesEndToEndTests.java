package io.github.wxlogin.test.it;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.SecurityFilterChain;

import io.github.wxlogin.authentication.WxUser;
import io.github.wxlogin.authentication.WxUserService;
import io.github.wxlogin.config.WxLoginConfigurer;
import io.github.wxlogin.test.AutoConfigureWxSimulator;
import io.github.wxlogin.test.WxTestClient;
import io.github.wxlogin.test.WxTestClient.Response;
import io.github.wxlogin.test.simulator.WxSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's authorization rules apply to the starter's bearer endpoints: a rule
 * that keeps {@code /wx/phone} for some users gives the others {@code 403}, while the JWK
 * set stays public and the login endpoints need no authentication.
 */
@SpringBootTest(classes = AuthorizationRulesEndToEndTests.RulesApplication.class,
		webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWxSimulator
class AuthorizationRulesEndToEndTests {

	static final String APP_ID = AutoConfigureWxSimulator.DEFAULT_APP_ID;

	@Autowired
	WxSimulator wechat;

	@LocalServerPort
	int port;

	@Test
	void phoneWhenRuleDeniesTheUserThenForbiddenAndWechatNotAsked() {
		WxTestClient http = WxTestClient.forPort(this.port);
		String bearer = "Bearer " + accessToken(http, "o-plain");
		long phoneCalls = this.wechat.requestCount(WxSimulator.PHONE_NUMBER_PATH);

		Response phone = http.post("/wx/phone", Map.of("code", this.wechat.createPhoneCode(APP_ID, "13800138000")),
				"Authorization", bearer);

		assertThat(phone.status()).as(phone.body()).isEqualTo(403);
		assertThat(phone.header("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(phone.json().get("error").stringValue()).isEqualTo("access_denied");
		assertThat(this.wechat.requestCount(WxSimulator.PHONE_NUMBER_PATH)).isEqualTo(phoneCalls);
		// the rule is about the phone endpoint only
		assertThat(http.post("/wx/logout", "", "Authorization", bearer).status()).isEqualTo(204);
	}

	@Test
	void phoneWhenRuleAllowsTheUserThenServed() {
		WxTestClient http = WxTestClient.forPort(this.port);
		String bearer = "Bearer " + accessToken(http, "o-vip");

		Response phone = http.post("/wx/phone", Map.of("code", this.wechat.createPhoneCode(APP_ID, "13800138000")),
				"Authorization", bearer);

		assertThat(phone.status()).as(phone.body()).isEqualTo(200);
		assertThat(phone.json().get("purePhoneNumber").stringValue()).isEqualTo("13800138000");
	}

	@Test
	void bearerEndpointWhenNoTokenThenUnauthorizedAndJwkSetPublic() {
		WxTestClient http = WxTestClient.forPort(this.port);

		Response logout = http.post("/wx/logout", "");

		assertThat(logout.status()).isEqualTo(401);
		assertThat(logout.json().get("error").stringValue()).isEqualTo("invalid_token");
		assertThat(http.get("/.well-known/jwks.json").status()).isEqualTo(200);
	}

	private String accessToken(WxTestClient http, String openid) {
		Response login = http.post("/wx/login", Map.of("code", this.wechat.createCode(APP_ID, openid)));
		assertThat(login.status()).as(login.body()).isEqualTo(200);
		return login.json().get("access_token").stringValue();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class RulesApplication {

		@Bean
		WxUserService users() {
			return (identity) -> WxUser.of(identity,
					AuthorityUtils.createAuthorityList(identity.openid().equals("o-vip")
							? new String[] { "ROLE_USER", "ROLE_VIP" } : new String[] { "ROLE_USER" }));
		}

		@Bean
		SecurityFilterChain rules(HttpSecurity http) {
			http.authorizeHttpRequests(
					(requests) -> requests.requestMatchers("/wx/phone").hasRole("VIP").anyRequest().authenticated());
			// a stateless API: no cookie, so no CSRF token (bearer requests are exempted
			// anyway)
			http.csrf(AbstractHttpConfigurer::disable);
			http.with(WxLoginConfigurer.wxLogin(), Customizer.withDefaults());
			return http.build();
		}

	}

}
