package io.github.wxlogin.wechat;

/**
 * WeChat could not be asked or gave no usable answer: timeout, connection failure, an
 * HTTP error status, an empty or non-JSON body, or a success without the expected fields.
 * <p>
 * The message is one of a few fixed texts and there is no cause, because the exceptions
 * of the HTTP client carry the request URL, which holds the AppSecret.
 */
public final class WxApiUnavailableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message a fixed description that holds no URL, secret or code
	 */
	public WxApiUnavailableException(String message) {
		super(message);
	}

}
