package io.github.wxlogin.test.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

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
import io.github.wxlogin.test.simulator.UserData;
import io.github.wxlogin.test.simulator.WxSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Fuzzes the body of {@code POST /wx/login} through the application's real filter chain,
 * with the WeChat simulator behind it.
 * <p>
 * The input is the body. Placeholders in it are replaced before it is sent, so that the
 * fuzzer reaches the steps after code2Session: {@code $CODE} by a fresh code of user
 * {@value #OPENID}; {@code $RAW}, {@code $SIG}, {@code $ENC}, {@code $IV} by that user's
 * rawData (escaped for a JSON string), signature, encryptedData and iv for this login;
 * {@code $FENC}, {@code $FIV} by data whose watermark names another app. Checked on every
 * input: {@link ContractAnswers}; a 200 holds tokens for that user; and every
 * {@code invalid_encrypted_data} answer is the same, byte for byte. Regression inputs:
 * {@code LoginBodyFuzzTestsInputs/login/}.
 */
@SpringBootTest(classes = LoginTestApplication.class)
@AutoConfigureMockMvc
@AutoConfigureWxSimulator
class LoginBodyFuzzTests {

	static final String APP_ID = AutoConfigureWxSimulator.DEFAULT_APP_ID;

	static final String OPENID = "o-fuzz-login";

	private static volatile String decryptionFailure;

	@Autowired
	MockMvc mvc;

	@Autowired
	WxSimulator wechat;

	@FuzzTest(maxDuration = "30s")
	void login(byte[] input) throws Exception {
		String body = new String(input, StandardCharsets.ISO_8859_1);
		if (body.contains("$CODE")) {
			body = body.replace("$CODE", this.wechat.createCode(APP_ID, OPENID));
		}
		if (body.contains("$RAW") || body.contains("$SIG") || body.contains("$ENC") || body.contains("$IV")) {
			UserData data = this.wechat.userInfoForNextLogin(APP_ID, OPENID, profile());
			body = body.replace("$RAW", escape(data.rawData()))
				.replace("$SIG", data.signature())
				.replace("$ENC", data.encryptedData())
				.replace("$IV", data.iv());
		}
		if (body.contains("$FENC") || body.contains("$FIV")) {
			UserData foreign = this.wechat.userInfoForNextLogin(APP_ID, OPENID, profile(), "wx-other-app");
			body = body.replace("$FENC", foreign.encryptedData()).replace("$FIV", foreign.iv());
		}
		MockHttpServletResponse response = this.mvc
			.perform(post("/wx/login").contentType(MediaType.APPLICATION_JSON)
				.content(body.getBytes(StandardCharsets.ISO_8859_1)))
			.andReturn()
			.getResponse();
		String sessionKey = this.wechat.sessionKey(APP_ID, OPENID).orElse(AutoConfigureWxSimulator.DEFAULT_APP_SECRET);
		JsonNode json = ContractAnswers.check(response, AutoConfigureWxSimulator.DEFAULT_APP_SECRET, sessionKey);
		if (response.getStatus() == 200) {
			assertThat(json.path("openid").asString()).isEqualTo(OPENID);
			assertThat(json.path("access_token").asString()).isNotBlank();
			assertThat(json.path("refresh_token").asString()).isNotBlank();
			assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
		}
		else if ("invalid_encrypted_data".equals(json.path("error").asString())) {
			String answer = response.getContentAsString() + response.getHeaderNames();
			if (decryptionFailure == null) {
				decryptionFailure = answer;
			}
			assertThat(answer).as("one answer for every decryption failure").isEqualTo(decryptionFailure);
		}
	}

	private static Map<String, Object> profile() {
		Map<String, Object> profile = new LinkedHashMap<>();
		profile.put("nickName", "Fuzz \u5fae\u4fe1");
		profile.put("gender", 1);
		profile.put("avatarUrl", "https://thirdwx.qlogo.cn/mmopen/vi_32/x/132");
		return profile;
	}

	/**
	 * The JSON as the content of a JSON string, its UTF-8 bytes one char each (the body
	 * is handled as ISO-8859-1).
	 */
	private static String escape(String json) {
		String escaped = json.replace("\\", "\\\\").replace("\"", "\\\"");
		return new String(escaped.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
	}

}
