package io.github.wxlogin.web;

import java.util.Objects;

import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.wxlogin.authentication.WxIdentity;
import io.github.wxlogin.authentication.WxLoginError;
import io.github.wxlogin.authentication.WxLoginException;
import io.github.wxlogin.authentication.WxOpenDataService;

/**
 * {@code POST profile-path} (bearer): {@code {"encryptedData", "iv", "rawData",
 * "signature"}} verified and decrypted with the caller's session key, watermark checked;
 * answers the decrypted user info (without its watermark). {@code rawData} and
 * {@code signature} come together or not at all.
 */
final class WxProfileFilter extends BearerJsonEndpointFilter {

	private final WxOpenDataService openData;

	WxProfileFilter(String path, WxOpenDataService openData, JsonMapper jsonMapper, ProblemResponseWriter problems,
			AuthenticationEntryPoint entryPoint, SecurityContextHolderStrategy securityContext) {
		super(path, jsonMapper, problems, entryPoint, securityContext);
		this.openData = Objects.requireNonNull(openData, "openData");
	}

	@Override
	Object handle(WxIdentity caller, JsonNode body) {
		String encryptedData = JsonRequestReader.optionalString(body, "encryptedData");
		String iv = JsonRequestReader.optionalString(body, "iv");
		String rawData = JsonRequestReader.optionalString(body, "rawData");
		String signature = JsonRequestReader.optionalString(body, "signature");
		if (encryptedData == null || iv == null || (rawData == null) != (signature == null)) {
			throw new WxLoginException(WxLoginError.INVALID_REQUEST);
		}
		JsonRequestReader.checkEncryptedData(encryptedData, iv);
		return this.openData.profile(caller, encryptedData, iv, rawData, signature);
	}

}
