package io.github.wxlogin.test;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Creates the {@link WxSimulatorContextCustomizer} of a test class annotated (directly,
 * through a superclass or an enclosing class) with {@link AutoConfigureWxSimulator}.
 * Registered in {@code META-INF/spring.factories}.
 */
final class WxSimulatorContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		AutoConfigureWxSimulator annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				AutoConfigureWxSimulator.class);
		if (annotation == null) {
			return null;
		}
		List<WxSimulatorContextCustomizer.App> apps = Arrays.stream(annotation.apps())
			.map((app) -> new WxSimulatorContextCustomizer.App(app.appId(), app.appSecret()))
			.toList();
		return new WxSimulatorContextCustomizer(apps, annotation.boundToOpenPlatform());
	}

}
