package io.github.wxlogin.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shared test vectors, a verbatim copy of {@code wechat-vectors.json} on the test
 * class path.
 */
final class WechatVectors {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final JsonNode ROOT = load();

	private WechatVectors() {
	}

	static JsonNode vector(String name) {
		JsonNode vector = ROOT.get(name);
		if (vector == null) {
			throw new IllegalArgumentException("no vector " + name);
		}
		return vector;
	}

	static String text(String vector, String field) {
		return vector(vector).get(field).stringValue();
	}

	private static JsonNode load() {
		try (InputStream in = WechatVectors.class.getResourceAsStream("/wechat-vectors.json")) {
			if (in == null) {
				throw new IllegalStateException("wechat-vectors.json missing from the test class path");
			}
			return JSON.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
