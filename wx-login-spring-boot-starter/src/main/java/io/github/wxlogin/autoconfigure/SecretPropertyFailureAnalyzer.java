package io.github.wxlogin.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link SecretPropertyException} at start-up: names the property and the
 * reason, never the value.
 */
class SecretPropertyFailureAnalyzer extends AbstractFailureAnalyzer<SecretPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SecretPropertyException cause) {
		return new FailureAnalysis(
				"Invalid value for configuration property '" + cause.getProperty() + "' (value not shown): "
						+ cause.getReason(),
				"Update your application's configuration of '" + cause.getProperty() + "'.", cause);
	}

}
