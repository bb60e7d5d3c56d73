package io.github.wxlogin.test.fuzz;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import io.github.wxlogin.test.AutoConfigureWxSimulator;
import io.github.wxlogin.test.it.LoginTestApplication;
import io.github.wxlogin.test.simulator.WxSimulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the body of {@code POST /wx/token/refresh} through the application's real filter
 * chain.
 * <p>
 * The input is the body. When it holds a placeholder, a fresh login through
 * {@code /wx/login} provides the tokens: {@code $REFRESH} is replaced by its refresh
 * token, {@code $ACCESS} by its access token, {@code $ROTATED} by a refresh token that
 * was already rotated once (presenting it is theft). Checked on every input:
 * {@link ContractAnswers}, and a 200 holds a new pair of tokens. Regression inputs:
 * {@code RefreshBodyFuzzTestsInputs/refresh/}.
 */
@SpringBootTest(classes = LoginTestApplication.class)
@AutoConfigureMockMvc
@AutoConfigureWxSimulator
class RefreshBodyFuzzTests {

	static final String APP_ID = AutoConfigureWxSimulator.DEFAULT_APP_ID;

	@Autowired
	MockMvc mvc;

	@Autowired
	WxSimulator wechat;

	@FuzzTest(maxDuration = "30s")
	void refresh(byte[] input) throws Exception {
		String body = new String(input, StandardCharsets.ISO_8859_1);
		if (body.contains("$REFRESH") || body.contains("$ACCESS") || body.contains("$ROTATED")) {
			JsonNode tokens = login();
			String refreshToken = tokens.path("refresh_token").asString();
			if (body.contains("$ROTATED")) {
				JsonNode rotated = ContractAnswers.check(
						post("/wx/token/refresh", "{\"refresh_token\":\"" + refreshToken + "\"}"),
						AutoConfigureWxSimulator.DEFAULT_APP_SECRET);
				body = body.replace("$ROTATED", refreshToken);
				refreshToken = rotated.path("refresh_token").asString();
			}
			body = body.replace("$REFRESH", refreshToken).replace("$ACCESS", tokens.path("access_token").asString());
		}
		MockHttpServletResponse response = post("/wx/token/refresh", body);
		JsonNode json = ContractAnswers.check(response, AutoConfigureWxSimulator.DEFAULT_APP_SECRET);
		if (response.getStatus() == 200) {
			assertThat(json.path("access_token").asString()).isNotBlank();
			assertThat(json.path("refresh_token").asString()).isNotBlank();
			assertThat(body).doesNotContain(json.path("refresh_token").asString());
			assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
		}
	}

	private JsonNode login() throws Exception {
		String code = this.wechat.createCode(APP_ID, "o-fuzz-refresh");
		MockHttpServletResponse response = post("/wx/login", "{\"code\":\"" + code + "\"}");
		assertThat(response.getStatus()).isEqualTo(200);
		return ContractAnswers.JSON.readTree(response.getContentAsByteArray());
	}

	private MockHttpServletResponse post(String path, String body) throws Exception {
		return this.mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
				.contentType(MediaType.APPLICATION_JSON)
				.content(body.getBytes(StandardCharsets.ISO_8859_1)))
			.andReturn()
			.getResponse();
	}

}
