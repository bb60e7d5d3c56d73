package io.github.wxlogin.autoconfigure;

/**
 * A secret configuration property ({@code wx.login.app-secret},
 * {@code wx.login.jwt.secret}) that cannot be used. Unlike Spring Boot's
 * {@code InvalidConfigurationPropertyValueException}, whose failure analysis prints the
 * property's value, neither this exception nor its analysis ever holds the value.
 */
public class SecretPropertyException extends IllegalStateException {

	private final String property;

	private final String reason;

	public SecretPropertyException(String property, String reason) {
		super("Invalid value for secret property '" + property + "': " + reason);
		this.property = property;
		this.reason = reason;
	}

	/**
	 * @return the property's name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * @return why the value cannot be used (never the value)
	 */
	public String getReason() {
		return this.reason;
	}

}
