package io.github.wxlogin.test.it;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.github.wxlogin.config.WxLoginConfigurer;
import io.github.wxlogin.test.AutoConfigureWxSimulator;
import io.github.wxlogin.test.WxTestClient;
import io.github.wxlogin.test.WxTestClient.Response;
import io.github.wxlogin.test.simulator.WxSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that declares its own chain, with HTTP Basic for operators beside WeChat
 * login: {@code WxLoginConfigurer} keeps the whole chain stateless, whatever mechanism
 * authenticated the request.
 */
@SpringBootTest(classes = OwnChainEndToEndTests.OwnChainApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWxSimulator
class OwnChainEndToEndTests {

	static final String APP_ID = AutoConfigureWxSimulator.DEFAULT_APP_ID;

	@Autowired
	WxSimulator wechat;

	@LocalServerPort
	int port;

	WxTestClient http;

	@BeforeEach
	void setUp() {
		this.http = WxTestClient.forPort(this.port);
	}

	@Test
	void basicAuthenticationWhenSucceedsThenNoSessionCreated() {
		String basic = "Basic "
				+ Base64.getEncoder().encodeToString("ops:ops-password".getBytes(StandardCharsets.UTF_8));

		Response response = this.http.get("/ops/hello", "Authorization", basic);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("hello ops");
		assertThat(response.headers("Set-Cookie")).isEmpty();
	}

	@Test
	void bearerWhenLoggedInThenServedWithoutSession() {
		Response login = this.http.post("/wx/login", Map.of("code", this.wechat.createCode(APP_ID, "o-own-chain")));
		assertThat(login.status()).as(login.body()).isEqualTo(200);
		String token = login.json().get("access_token").stringValue();

		Response response = this.http.get("/ops/hello", "Authorization", "Bearer " + token);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("hello o-own-chain");
		assertThat(login.headers("Set-Cookie")).isEmpty();
		assertThat(response.headers("Set-Cookie")).isEmpty();
	}

	@Test
	void basicAuthenticationWhenWrongPasswordThenProblem() {
		String basic = "Basic " + Base64.getEncoder().encodeToString("ops:wrong".getBytes(StandardCharsets.UTF_8));

		Response response = this.http.get("/ops/hello", "Authorization", basic);

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.headers("Set-Cookie")).isEmpty();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(OwnChainApplication.HelloController.class)
	static class OwnChainApplication {

		@Bean
		SecurityFilterChain ownChain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			http.httpBasic(Customizer.withDefaults());
			http.userDetailsService(new InMemoryUserDetailsManager(
					User.withUsername("ops").password("{noop}ops-password").roles("OPS").build()));
			http.csrf(AbstractHttpConfigurer::disable);
			http.with(WxLoginConfigurer.wxLogin(), Customizer.withDefaults());
			return http.build();
		}

		@RestController
		static class HelloController {

			@GetMapping("/ops/hello")
			String hello(Authentication authentication) {
				return "hello " + authentication.getName();
			}

		}

	}

}
