package io.github.wxlogin.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Keeps the app secret out of the log when the application logs at DEBUG: the JDK's HTTP
 * client, which calls WeChat, logs each request's full URL at DEBUG
 * ({@code jdk.internal.httpclient.debug}), and code2Session's URL holds the secret and
 * the code. Its level defaults to INFO, below every other property source, so an explicit
 * {@code logging.level.jdk.internal.httpclient} still wins.
 */
public final class WxLoginLoggingEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE = "wxLoginLoggingDefaults";

	static final String HTTP_CLIENT_LEVEL = "logging.level.jdk.internal.httpclient";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getPropertySources().contains(PROPERTY_SOURCE)) {
			environment.getPropertySources()
				.addLast(new MapPropertySource(PROPERTY_SOURCE, Map.of(HTTP_CLIENT_LEVEL, "INFO")));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
