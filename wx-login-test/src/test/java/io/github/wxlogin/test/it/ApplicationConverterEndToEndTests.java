package io.github.wxlogin.test.it;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import tools.jackson.databind.JsonNode;

import io.github.wxlogin.test.AutoConfigureWxSimulator;
import io.github.wxlogin.test.WxTestClient;
import io.github.wxlogin.test.WxTestClient.Response;
import io.github.wxlogin.test.simulator.WxSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application's own {@code Converter<Jwt, AbstractAuthenticationToken>} bean (here
 * Spring's {@code JwtAuthenticationConverter}, as a resource server would declare it)
 * makes the bearer authentication, and revocation still applies around it.
 */
@SpringBootTest(classes = LoginTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(ApplicationConverterEndToEndTests.OwnConverter.class)
@AutoConfigureWxSimulator
class ApplicationConverterEndToEndTests {

	static final String APP_ID = AutoConfigureWxSimulator.DEFAULT_APP_ID;

	@Autowired
	WxSimulator wechat;

	@LocalServerPort
	int port;

	@Test
	void bearerWhenApplicationConverterThenItsAuthoritiesAndRevocationStillChecked() {
		WxTestClient http = WxTestClient.forPort(this.port);
		JsonNode tokens = http.post("/wx/login", Map.of("code", this.wechat.createCode(APP_ID, "o-own-converter")))
			.json();
		String bearer = "Bearer " + tokens.get("access_token").stringValue();

		Response me = http.get("/api/me", "Authorization", bearer);
		assertThat(me.status()).as(me.body()).isEqualTo(200);
		assertThat(me.body()).contains("APP_ROLE_USER").contains("o-own-converter");

		assertThat(http.post("/wx/logout", "", "Authorization", bearer).status()).isEqualTo(204);
		Response afterLogout = http.get("/api/me", "Authorization", bearer);
		assertThat(afterLogout.status()).isEqualTo(401);
		assertThat(afterLogout.json().get("error").stringValue()).isEqualTo("invalid_token");
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnConverter {

		@Bean
		JwtAuthenticationConverter applicationJwtAuthenticationConverter() {
			JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
			authorities.setAuthorityPrefix("APP_");
			JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
			converter.setJwtGrantedAuthoritiesConverter(authorities);
			return converter;
		}

	}

}
