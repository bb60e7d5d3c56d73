package io.github.wxlogin.store;

/**
 * The shared store could not be reached (or did not answer in time). Answered as
 * {@code 503 store_unavailable}. The message never holds a key or a value.
 */
public class StoreUnavailableException extends RuntimeException {

	public StoreUnavailableException(String message) {
		super(message);
	}

}
