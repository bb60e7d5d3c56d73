package io.github.wxlogin.crypto;

/**
 * Thrown when WeChat {@code encryptedData} cannot be accepted, for whatever reason:
 * malformed Base64, wrong key or IV length, bad padding, a plaintext that is not a UTF-8
 * JSON object, or a missing or foreign watermark.
 * <p>
 * Every failure produces this same exception with the same message and no cause, so that
 * neither a response nor a log line reveals which step failed (no padding oracle).
 */
public final class InvalidEncryptedDataException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	static final String MESSAGE = "encrypted data rejected";

	/**
	 * Create the exception; its message is always {@value #MESSAGE}.
	 */
	public InvalidEncryptedDataException() {
		super(MESSAGE);
	}

}
