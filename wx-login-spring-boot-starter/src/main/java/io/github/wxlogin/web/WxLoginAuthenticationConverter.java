package io.github.wxlogin.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.authentication.AuthenticationConverter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.wxlogin.authentication.WxLoginAuthenticationToken;
import io.github.wxlogin.authentication.WxLoginError;
import io.github.wxlogin.authentication.WxLoginException;
import io.github.wxlogin.authentication.WxLoginRequest;

/**
 * Reads the JSON body of a login request ({@code code}, {@code appId},
 * {@code encryptedData}, {@code iv}, {@code rawData}, {@code signature}) into an
 * unauthenticated {@link WxLoginAuthenticationToken}. Anything malformed (not a JSON
 * object, over 64 KiB, a missing or blank code, a non-string field, bad Base64, an IV
 * that is not 16 bytes, a ciphertext that is not whole AES blocks, one of a pair without
 * the other) is a {@code 400 invalid_request}.
 */
final class WxLoginAuthenticationConverter implements AuthenticationConverter {

	private final JsonRequestReader reader;

	WxLoginAuthenticationConverter(JsonMapper jsonMapper) {
		this.reader = new JsonRequestReader(jsonMapper);
	}

	@Override
	public WxLoginAuthenticationToken convert(HttpServletRequest request) {
		JsonNode body = this.reader.read(request);
		String code = JsonRequestReader.requiredString(body, "code");
		String appId = JsonRequestReader.optionalString(body, "appId");
		String rawData = JsonRequestReader.optionalString(body, "rawData");
		String signature = JsonRequestReader.optionalString(body, "signature");
		String encryptedData = JsonRequestReader.optionalString(body, "encryptedData");
		String iv = JsonRequestReader.optionalString(body, "iv");
		if ((rawData == null) != (signature == null)) {
			throw new WxLoginException(WxLoginError.INVALID_REQUEST);
		}
		JsonRequestReader.checkEncryptedData(encryptedData, iv);
		return WxLoginAuthenticationToken
			.unauthenticated(new WxLoginRequest(appId, code, rawData, signature, encryptedData, iv));
	}

}
