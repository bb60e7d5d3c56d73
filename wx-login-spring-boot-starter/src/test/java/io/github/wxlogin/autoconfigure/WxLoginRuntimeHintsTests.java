package io.github.wxlogin.autoconfigure;

import java.io.IOException;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

class WxLoginRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@Test
	void registrarWhenListedInAotFactoriesThenLoadedBySpring() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(WxLoginRuntimeHints.class);
	}

	@Test
	void hintsWhenRegisteredThenEveryLuaScriptOfTheRedisStoreIsIncluded() throws IOException {
		new WxLoginRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		Resource[] scripts = new PathMatchingResourcePatternResolver()
			.getResources("classpath*:" + WxLoginRuntimeHints.LUA_SCRIPTS);
		assertThat(scripts).isNotEmpty();
		assertThat(Arrays.stream(scripts).map(Resource::getFilename)).contains("rotate-refresh-token.lua")
			.allSatisfy((name) -> assertThat(
					RuntimeHintsPredicates.resource().forResource("io/github/wxlogin/store/redis/" + name))
				.accepts(this.hints));
	}

	@Test
	void hintsWhenRegisteredThenNoOtherResourceOfTheStarter() {
		new WxLoginRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.resource().forResource("io/github/wxlogin/store/redis/other.txt"))
			.rejects(this.hints);
	}

}
