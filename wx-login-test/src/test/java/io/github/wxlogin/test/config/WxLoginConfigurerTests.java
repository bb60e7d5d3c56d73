package io.github.wxlogin.test.config;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.wxlogin.authentication.WxApiFailures;
import io.github.wxlogin.authentication.WxLoginException;
import io.github.wxlogin.authentication.WxLoginResult;
import io.github.wxlogin.authentication.WxPrincipal;
import io.github.wxlogin.authentication.WxTokenAuthentication;
import io.github.wxlogin.config.WxLoginConfigurer;
import io.github.wxlogin.test.AutoConfigureWxSimulator;
import io.github.wxlogin.test.simulator.WxSimulator;
import io.github.wxlogin.token.WxTokenCustomizer;
import io.github.wxlogin.web.ProblemResponseWriter;
import io.github.wxlogin.web.WxTokenResponseSuccessHandler;
import io.github.wxlogin.wechat.WxApiRestClientCustomizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The configurer's DSL, through MockMvc against the simulator: per-endpoint paths,
 * switches and handlers, the chain's own bearer resolver, and the beans the starter picks
 * up (token customizers that tell a login from a refresh, extra JWT validators, the
 * WeChat client's customizers).
 */
@SpringBootTest(classes = WxLoginConfigurerTests.DslApplication.class)
@AutoConfigureMockMvc
@AutoConfigureWxSimulator
class WxLoginConfigurerTests {

	static final String APP_ID = AutoConfigureWxSimulator.DEFAULT_APP_ID;

	private static final JsonMapper json = JsonMapper.shared();

	@Autowired
	MockMvc mvc;

	@Autowired
	WxSimulator wechat;

	@Autowired
	@Qualifier("wechatCalls")
	AtomicInteger wechatCalls;

	@Autowired
	@Qualifier("translations")
	AtomicInteger translations;

	@Test
	void loginWhenPathAndSuccessHandlerSetThenServedThereByTheHandler() throws Exception {
		int calls = this.wechatCalls.get();
		this.mvc.perform(login("/auth/wechat", "o-dsl-1"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.kind").value("WxLoginResult"))
			.andExpect(jsonPath("$.openid").value("o-dsl-1"))
			.andExpect(jsonPath("$.token").isNotEmpty());
		// the WeChat client's customizer ran: its interceptor saw the code2Session call
		assertThat(this.wechatCalls.get()).isEqualTo(calls + 1);
	}

	@Test
	void loginWhenDefaultPathThenNotServed() throws Exception {
		// the request goes on to the application, whose rules want a bearer
		this.mvc.perform(login("/wx/login", "o-dsl-2")).andExpect(status().isUnauthorized());
	}

	@Test
	void loginWhenFailedThenTheFailureHandlerAnswers() throws Exception {
		String code = this.wechat.createCode(APP_ID, "o-dsl-3");
		this.mvc
			.perform(
					post("/auth/wechat").contentType(MediaType.APPLICATION_JSON).content("{\"code\":\"" + code + "\"}"))
			.andExpect(status().isOk());

		this.mvc
			.perform(
					post("/auth/wechat").contentType(MediaType.APPLICATION_JSON).content("{\"code\":\"" + code + "\"}"))
			.andExpect(status().isIAmATeapot())
			.andExpect(header().string("X-Error", "invalid_code"));
	}

	@Test
	void refreshWhenDefaultHandlersThenContractBodyAndCustomizerSeesTheGrant() throws Exception {
		JsonNode tokens = tokens("o-dsl-4");
		assertThat(claims(tokens.get("token").stringValue()).get("grant").stringValue()).isEqualTo("LOGIN");

		MvcResult refreshed = this.mvc
			.perform(post("/wx/token/refresh").contentType(MediaType.APPLICATION_JSON)
				.content("{\"refresh_token\":\"" + tokens.get("refresh").stringValue() + "\"}"))
			.andExpect(status().isOk())
			.andExpect(header().string("X-Result",
					"WxRefreshResult " + claims(tokens.get("token").stringValue()).get("sid").stringValue()))
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(jsonPath("$.token_type").value("Bearer"))
			.andReturn();
		String accessToken = json.readTree(refreshed.getResponse().getContentAsString())
			.get("access_token")
			.stringValue();

		JsonNode claims = claims(accessToken);
		assertThat(claims.get("grant").stringValue()).isEqualTo("REFRESH");
		assertThat(claims.get("sid").stringValue())
			.isEqualTo(claims(tokens.get("token").stringValue()).get("sid").stringValue());
	}

	@Test
	void bearerWhenQueryParameterThenTheChainsResolverAcceptsIt() throws Exception {
		String token = tokens("o-dsl-5").get("token").stringValue();

		this.mvc.perform(get("/api/me").param("access_token", token))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.openid").value("o-dsl-5"));
	}

	@Test
	void bearerWhenApplicationValidatorRefusesThenInvalidToken() throws Exception {
		String token = tokens("o-blocked").get("token").stringValue();

		this.mvc.perform(get("/api/me").header("Authorization", "Bearer " + token))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.error").value("invalid_token"));
	}

	@Test
	void endpointsWhenMovedOrDisabledThenServedWhereConfigured() throws Exception {
		String bearer = "Bearer " + tokens("o-dsl-6").get("token").stringValue();

		this.mvc
			.perform(post("/me/phone").header("Authorization", bearer)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"code\":\"" + this.wechat.createPhoneCode(APP_ID, "o-dsl-6", "13800138000") + "\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.purePhoneNumber").value("13800138000"));
		// profile off: the application has no such endpoint
		this.mvc
			.perform(post("/wx/profile").header("Authorization", bearer)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{}"))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/.well-known/jwks.json")).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/keys")).andExpect(status().isOk()).andExpect(jsonPath("$.keys[0].kid").isNotEmpty());
	}

	@Test
	void refreshWhenRefusedThenTheApplicationsProblemWriterAnswers() throws Exception {
		this.mvc
			.perform(post("/wx/token/refresh").contentType(MediaType.APPLICATION_JSON)
				.content("{\"refresh_token\":\"not-a-token\"}"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("X-Trace", "t-1"))
			.andExpect(jsonPath("$.error").value("invalid_token"));
	}

	@Test
	void loginWhenWechatRefusesThenTheApplicationsTranslationIsAsked() throws Exception {
		int translations = this.translations.get();

		this.mvc
			.perform(post("/auth/wechat").contentType(MediaType.APPLICATION_JSON)
				.content("{\"code\":\"" + this.wechat.createBlockedCode(APP_ID, "o-dsl-risky") + "\"}"))
			.andExpect(status().isIAmATeapot())
			.andExpect(header().string("X-Error", "risky_user"));
		assertThat(this.translations.get()).isEqualTo(translations + 1);
	}

	@Test
	void loginEndpointWhenDisabledThenRefused() {
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(
				() -> WxLoginConfigurer.wxLogin().loginEndpoint(WxLoginConfigurer.TokenEndpointConfig::disable));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WxLoginConfigurer.wxLogin().phoneEndpoint((phone) -> phone.path(" ")));
		assertThatIllegalArgumentException().isThrownBy(() -> WxLoginConfigurer.wxLogin().bearerTokenResolver(null));
	}

	private JsonNode tokens(String openid) throws Exception {
		MvcResult result = this.mvc.perform(login("/auth/wechat", openid)).andExpect(status().isOk()).andReturn();
		return json.readTree(result.getResponse().getContentAsString());
	}

	private org.springframework.test.web.servlet.RequestBuilder login(String path, String openid) {
		return post(path).contentType(MediaType.APPLICATION_JSON)
			.content("{\"code\":\"" + this.wechat.createCode(APP_ID, openid) + "\"}");
	}

	private static JsonNode claims(String token) {
		String payload = token.split("\\.")[1];
		return json.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class DslApplication {

		@Bean
		SecurityFilterChain chain(HttpSecurity http) {
			DefaultBearerTokenResolver resolver = new DefaultBearerTokenResolver();
			resolver.setAllowUriQueryParameter(true);
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			http.csrf(AbstractHttpConfigurer::disable);
			http.with(WxLoginConfigurer.wxLogin(), (wx) -> wx.bearerTokenResolver(resolver)
				.loginEndpoint(
						(login) -> login.path("/auth/wechat").successHandler((request, response, authentication) -> {
							WxTokenAuthentication tokens = (WxTokenAuthentication) authentication;
							response.setContentType(MediaType.APPLICATION_JSON_VALUE);
							json.writeValue(response.getOutputStream(),
									Map.of("kind", authentication.getClass().getSimpleName(), "openid",
											tokens.getOpenid(), "token", tokens.getAccessToken().getTokenValue(),
											"refresh", tokens.getRefreshToken().value(), "isLogin",
											authentication instanceof WxLoginResult));
						}).failureHandler((request, response, exception) -> {
							response.setStatus(418);
							response.setHeader("X-Error", ((WxLoginException) exception).getError().code());
						}))
				.refreshEndpoint((refresh) -> refresh.successHandler((request, response, authentication) -> {
					// the default body, after a header of the application's
					response.setHeader("X-Result", authentication.getClass().getSimpleName() + " "
							+ ((WxTokenAuthentication) authentication).getLoginId());
					new WxTokenResponseSuccessHandler(json, Clock.systemUTC()).onAuthenticationSuccess(request,
							response, authentication);
				}))
				.phoneEndpoint((phone) -> phone.path("/me/phone"))
				.profileEndpoint(WxLoginConfigurer.EndpointConfig::disable)
				.jwkSetEndpoint((jwks) -> jwks.path("/keys")));
			return http.build();
		}

		@Bean
		WxTokenCustomizer grantClaim() {
			return (context) -> context.claims().claim("grant", context.grant().name());
		}

		@Bean
		OAuth2TokenValidator<Jwt> notBlocked() {
			return (jwt) -> "o-blocked".equals(jwt.getSubject())
					? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "blocked", null))
					: OAuth2TokenValidatorResult.success();
		}

		@Bean
		AtomicInteger wechatCalls() {
			return new AtomicInteger();
		}

		@Bean
		AtomicInteger translations() {
			return new AtomicInteger();
		}

		@Bean
		WxApiFailures countingTranslation(@Qualifier("translations") AtomicInteger translations) {
			WxApiFailures standard = WxApiFailures.standard();
			return (app, failure) -> {
				translations.incrementAndGet();
				return standard.translate(app, failure);
			};
		}

		@Bean
		ProblemResponseWriter tracingProblems() {
			ProblemResponseWriter standard = ProblemResponseWriter.json(json);
			return (request, response, status, error, retryAfter) -> {
				response.setHeader("X-Trace", "t-1");
				standard.write(request, response, status, error, retryAfter);
			};
		}

		@Bean
		WxApiRestClientCustomizer countingInterceptor(@Qualifier("wechatCalls") AtomicInteger wechatCalls) {
			return (builder) -> builder.requestInterceptor((request, body, execution) -> {
				wechatCalls.incrementAndGet();
				return execution.execute(request, body);
			});
		}

		@RestController
		static class MeController {

			@GetMapping("/api/me")
			Map<String, Object> me(@AuthenticationPrincipal WxPrincipal user) {
				return Map.of("openid", user.openid());
			}

		}

	}

}
