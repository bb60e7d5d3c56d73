package io.github.wxlogin.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The starter's packages by responsibility, each using only those below it:
 * {@code autoconfigure → config → web → authentication → token, wechat → store → crypto}
 * ({@code wechat} shares its access tokens through a store). Only {@code autoconfigure}
 * knows Spring Boot; {@code crypto} knows no Spring at all.
 */
class LayeringTests {

	private static final JavaClasses STARTER = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.github.wxlogin");

	@Test
	void importWhenStarterThenEveryPackageSeen() {
		org.assertj.core.api.Assertions.assertThat(STARTER.stream().map((type) -> type.getPackageName()).distinct())
			.contains("io.github.wxlogin.autoconfigure", "io.github.wxlogin.config", "io.github.wxlogin.web",
					"io.github.wxlogin.authentication", "io.github.wxlogin.token", "io.github.wxlogin.store",
					"io.github.wxlogin.store.caffeine", "io.github.wxlogin.wechat", "io.github.wxlogin.crypto");
	}

	@Test
	void packagesWhenAnyThenUseOnlyTheLayersBelow() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.layer("autoconfigure")
			.definedBy("io.github.wxlogin.autoconfigure..")
			.layer("config")
			.definedBy("io.github.wxlogin.config..")
			.layer("web")
			.definedBy("io.github.wxlogin.web..")
			.layer("authentication")
			.definedBy("io.github.wxlogin.authentication..")
			.layer("token")
			.definedBy("io.github.wxlogin.token..")
			.layer("store")
			.definedBy("io.github.wxlogin.store..")
			.layer("wechat")
			.definedBy("io.github.wxlogin.wechat..")
			.layer("crypto")
			.definedBy("io.github.wxlogin.crypto..")
			.whereLayer("autoconfigure")
			.mayNotBeAccessedByAnyLayer()
			.whereLayer("config")
			.mayOnlyBeAccessedByLayers("autoconfigure")
			.whereLayer("web")
			.mayOnlyBeAccessedByLayers("autoconfigure", "config")
			.whereLayer("authentication")
			.mayOnlyBeAccessedByLayers("autoconfigure", "config", "web")
			.whereLayer("token")
			.mayOnlyBeAccessedByLayers("autoconfigure", "config", "web", "authentication")
			.whereLayer("store")
			.mayOnlyBeAccessedByLayers("autoconfigure", "config", "web", "authentication", "token", "wechat")
			.whereLayer("wechat")
			.mayOnlyBeAccessedByLayers("autoconfigure", "config", "web", "authentication")
			.whereLayer("crypto")
			.mayOnlyBeAccessedByLayers("autoconfigure", "config", "web", "authentication", "token", "wechat")
			.check(STARTER);
	}

	@Test
	void packagesWhenAnyThenNoCycle() {
		slices().matching("io.github.wxlogin.(*)..").should().beFreeOfCycles().check(STARTER);
	}

	@Test
	void springBootWhenUsedThenOnlyByTheAutoConfiguration() {
		com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
			.that()
			.resideOutsideOfPackage("io.github.wxlogin.autoconfigure..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.boot..")
			.check(STARTER);
	}

	@Test
	void cryptoWhenAnyThenNoSpring() {
		com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
			.that()
			.resideInAPackage("io.github.wxlogin.crypto..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework..")
			.check(STARTER);
	}

}
