package io.github.wxlogin.store.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts of the Redis stores. Each receives every key it touches in
 * {@code KEYS[]}, and all of them share one hash tag, so each runs on one slot of a Redis
 * Cluster.
 */
final class RedisScripts {

	static final RedisScript<Long> SAVE_LOGIN = script("save-login.lua", Long.class);

	static final RedisScript<Long> INDEX_LOGIN = script("index-login.lua", Long.class);

	@SuppressWarnings("rawtypes")
	static final RedisScript<List> ROTATE = script("rotate-refresh-token.lua", List.class);

	static final RedisScript<Long> REVOKE = script("revoke.lua", Long.class);

	static final RedisScript<Long> SAVE_ACCESS_TOKEN = script("save-access-token.lua", Long.class);

	static final RedisScript<Long> UNLOCK = script("unlock.lua", Long.class);

	static final RedisScript<String> PUBLISH_REVOCATION = script("publish-revocation.lua", String.class);

	private RedisScripts() {
	}

	/**
	 * The script's text, read once with this class's loader (not the thread's, which may
	 * be a web application's that stops), so that calls never read the resource again.
	 */
	private static <T> RedisScript<T> script(String name, Class<T> type) {
		try (InputStream in = RedisScripts.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalStateException("Missing script " + name);
			}
			return RedisScript.of(new String(in.readAllBytes(), StandardCharsets.UTF_8), type);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
