package io.github.wxlogin.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.wxlogin.authentication.WxIdentity;
import io.github.wxlogin.authentication.WxLoginError;
import io.github.wxlogin.authentication.WxLoginException;
import io.github.wxlogin.authentication.WxOpenDataService;
import io.github.wxlogin.authentication.WxPhoneNumber;

/**
 * {@code POST phone-path} (bearer): {@code {"code": "..."}} from the phone-number button,
 * exchanged at WeChat with the app's cached access token, or the legacy
 * {@code {"encryptedData": "...", "iv": "..."}}, decrypted with the caller's session key;
 * answers {@code {"phoneNumber", "purePhoneNumber", "countryCode"}}.
 */
final class WxPhoneNumberFilter extends BearerJsonEndpointFilter {

	private final WxOpenDataService openData;

	WxPhoneNumberFilter(String path, WxOpenDataService openData, JsonMapper jsonMapper, ProblemResponseWriter problems,
			AuthenticationEntryPoint entryPoint, SecurityContextHolderStrategy securityContext) {
		super(path, jsonMapper, problems, entryPoint, securityContext);
		this.openData = Objects.requireNonNull(openData, "openData");
	}

	@Override
	Object handle(WxIdentity caller, JsonNode body) {
		String code = JsonRequestReader.optionalString(body, "code");
		String encryptedData = JsonRequestReader.optionalString(body, "encryptedData");
		String iv = JsonRequestReader.optionalString(body, "iv");
		WxPhoneNumber phone;
		if (code != null && encryptedData == null && iv == null) {
			phone = this.openData.phoneNumberByCode(caller, JsonRequestReader.requiredString(body, "code"));
		}
		else if (code == null && encryptedData != null && iv != null) {
			JsonRequestReader.checkEncryptedData(encryptedData, iv);
			phone = this.openData.phoneNumberByEncryptedData(caller, encryptedData, iv);
		}
		else {
			throw new WxLoginException(WxLoginError.INVALID_REQUEST);
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("phoneNumber", phone.phoneNumber());
		answer.put("purePhoneNumber", phone.purePhoneNumber());
		answer.put("countryCode", phone.countryCode());
		return answer;
	}

}
