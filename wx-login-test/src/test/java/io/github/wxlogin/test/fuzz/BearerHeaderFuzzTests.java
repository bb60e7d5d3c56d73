package io.github.wxlogin.test.fuzz;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

import io.github.wxlogin.test.AutoConfigureWxSimulator;
import io.github.wxlogin.test.it.LoginTestApplication;
import io.github.wxlogin.test.simulator.WxSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Fuzzes the {@code Authorization} header of a protected request ({@code GET /api/me})
 * through the application's real filter chain: bearer token resolver, firewall, JWT
 * decoder and validators, revocation check, entry point.
 * <p>
 * The input is the header, read as ISO-8859-1 as a servlet container reads it; lines
 * ({@code \n}) are separate {@code Authorization} headers. Characters no HTTP/1.1 parser
 * lets through (controls other than tab) end the input, and each value is trimmed of
 * spaces and tabs as a container does. {@code $TOKEN} is replaced by a valid access token
 * of user {@value #OPENID}, {@code $REFRESH} by its refresh token. Checked on every
 * input: {@link ContractAnswers}; a 401 carries {@code WWW-Authenticate: Bearer ...}; a
 * 200 is for that user and only with its valid token. Regression inputs:
 * {@code BearerHeaderFuzzTestsInputs/bearer/}.
 */
@SpringBootTest(classes = LoginTestApplication.class)
@AutoConfigureMockMvc
@AutoConfigureWxSimulator
class BearerHeaderFuzzTests {

	static final String OPENID = "o-fuzz-bearer";

	private static String accessToken;

	private static String refreshToken;

	@Autowired
	MockMvc mvc;

	@Autowired
	WxSimulator wechat;

	@BeforeEach
	void login() throws Exception {
		if (accessToken != null) {
			return;
		}
		String code = this.wechat.createCode(AutoConfigureWxSimulator.DEFAULT_APP_ID, OPENID);
		MockHttpServletResponse response = this.mvc
			.perform(post("/wx/login").contentType(MediaType.APPLICATION_JSON).content("{\"code\":\"" + code + "\"}"))
			.andReturn()
			.getResponse();
		JsonNode tokens = ContractAnswers.JSON.readTree(response.getContentAsByteArray());
		accessToken = tokens.path("access_token").asString();
		refreshToken = tokens.path("refresh_token").asString();
	}

	@FuzzTest(maxDuration = "30s")
	void bearer(byte[] input) throws Exception {
		String text = new String(input, StandardCharsets.ISO_8859_1);
		MockHttpServletRequestBuilder request = get("/api/me");
		if (!text.isEmpty()) {
			for (String line : text.split("\n", -1)) {
				if (line.chars().anyMatch((c) -> (c < 0x20 && c != '\t') || c == 0x7f)) {
					return;
				}
				request.header(HttpHeaders.AUTHORIZATION,
						trim(line.replace("$TOKEN", accessToken).replace("$REFRESH", refreshToken)));
			}
		}
		MockHttpServletResponse response = this.mvc.perform(request).andReturn().getResponse();
		JsonNode json = ContractAnswers.check(response, AutoConfigureWxSimulator.DEFAULT_APP_SECRET);
		if (response.getStatus() == 200) {
			assertThat(json.path("name").asString()).isEqualTo(OPENID);
			assertThat(text).contains("$TOKEN");
		}
		else if (response.getStatus() == 401) {
			assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
			assertThat(json.path("error").asString()).isEqualTo("invalid_token");
		}
	}

	/**
	 * Leading and trailing spaces and tabs removed, as a servlet container does (RFC 9110
	 * OWS).
	 */
	private static String trim(String value) {
		int start = 0;
		int end = value.length();
		while (start < end && (value.charAt(start) == ' ' || value.charAt(start) == '\t')) {
			start++;
		}
		while (end > start && (value.charAt(end - 1) == ' ' || value.charAt(end - 1) == '\t')) {
			end--;
		}
		return value.substring(start, end);
	}

}
