package io.github.wxlogin.token;

/**
 * A configured signing key or secret that cannot be used. The message says what is wrong
 * with it (size, type, format), never its content; the auto-configuration adds the name
 * of the property.
 */
public class UnusableKeyException extends IllegalArgumentException {

	public UnusableKeyException(String reason) {
		super(reason);
	}

}
