package io.github.wxlogin.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.wxlogin.authentication.WxLoginError;
import io.github.wxlogin.authentication.WxLoginException;
import io.github.wxlogin.crypto.EncryptedDataDecryptor;

/**
 * Reads a bounded JSON object body and its string fields; shared by the starter's
 * endpoints.
 */
final class JsonRequestReader {

	/** The largest body accepted. */
	static final int MAX_BODY_BYTES = 64 * 1024;

	private static final int MAX_CODE_LENGTH = 512;

	private final JsonMapper jsonMapper;

	JsonRequestReader(JsonMapper jsonMapper) {
		this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
	}

	JsonNode read(HttpServletRequest request) {
		if (request.getContentLengthLong() > MAX_BODY_BYTES) {
			throw new WxLoginException(WxLoginError.INVALID_REQUEST);
		}
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
			if (body.length > MAX_BODY_BYTES) {
				throw new WxLoginException(WxLoginError.INVALID_REQUEST);
			}
			JsonNode node = this.jsonMapper.readTree(body);
			if (node == null || !node.isObject()) {
				throw new WxLoginException(WxLoginError.INVALID_REQUEST);
			}
			return node;
		}
		catch (IOException | JacksonException ex) {
			throw new WxLoginException(WxLoginError.INVALID_REQUEST);
		}
	}

	static String requiredString(JsonNode body, String name) {
		return requiredString(body, name, MAX_CODE_LENGTH);
	}

	static String requiredString(JsonNode body, String name, int maxLength) {
		String value = optionalString(body, name);
		if (value == null || value.isBlank() || value.length() > maxLength) {
			throw new WxLoginException(WxLoginError.INVALID_REQUEST);
		}
		return value;
	}

	static @Nullable String optionalString(JsonNode body, String name) {
		JsonNode value = body.get(name);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw new WxLoginException(WxLoginError.INVALID_REQUEST);
		}
		return value.stringValue();
	}

	/**
	 * Both or neither of {@code encryptedData} and {@code iv}, and when both, in the form
	 * {@link EncryptedDataDecryptor#isWellFormed} accepts (a check that needs no key).
	 */
	static void checkEncryptedData(@Nullable String encryptedData, @Nullable String iv) {
		if ((encryptedData == null) != (iv == null)) {
			throw new WxLoginException(WxLoginError.INVALID_REQUEST);
		}
		if (encryptedData != null && !EncryptedDataDecryptor.isWellFormed(encryptedData, iv)) {
			throw new WxLoginException(WxLoginError.INVALID_REQUEST);
		}
	}

}
