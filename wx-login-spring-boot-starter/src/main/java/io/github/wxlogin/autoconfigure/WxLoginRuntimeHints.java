package io.github.wxlogin.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What a native image of an application on the starter needs beyond what Spring's AOT
 * engine finds by itself: the Redis store's Lua scripts, read from the class path when
 * the store is created.
 * <p>
 * No reflection is registered: the starter reads every JSON body it receives (requests,
 * WeChat's answers, decrypted data) as a tree or a {@code Map} and writes maps, so
 * Jackson binds none of its types; {@link WxLoginProperties} and its nested records are
 * bound by Spring Boot, which registers their hints; {@code spring.factories} entries are
 * covered by Spring's own hints. Registered in {@code META-INF/spring/aot.factories}.
 */
final class WxLoginRuntimeHints implements RuntimeHintsRegistrar {

	static final String LUA_SCRIPTS = "io/github/wxlogin/store/redis/*.lua";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern(LUA_SCRIPTS);
	}

}
