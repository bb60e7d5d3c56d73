package io.github.wxlogin.wechat;

import org.jspecify.annotations.Nullable;

/**
 * WeChat answered a call with a non-zero {@code errcode}.
 * <p>
 * The message names the API and the errcode only: never the AppSecret, the URL, the login
 * code, nor WeChat's free-text {@code errmsg}, which is kept apart in {@link #errmsg()}
 * for diagnostics.
 */
public final class WxApiException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int errcode;

	private final @Nullable String errmsg;

	/**
	 * Create the exception.
	 * @param api the WeChat API that answered, e.g. {@code code2Session}
	 * @param errcode the {@code errcode} WeChat answered, see {@link WxErrcode}
	 * @param errmsg the {@code errmsg} WeChat sent, kept out of the message
	 */
	public WxApiException(String api, int errcode, @Nullable String errmsg) {
		super("WeChat rejected " + api + " with errcode " + errcode);
		this.errcode = errcode;
		this.errmsg = errmsg;
	}

	/**
	 * The {@code errcode} WeChat answered.
	 * @return the errcode, see {@link WxErrcode}
	 */
	public int errcode() {
		return this.errcode;
	}

	/**
	 * WeChat's free-text {@code errmsg} (with its trace id), for logs only; do not match
	 * on it nor show it to clients.
	 * @return the errmsg, or {@code null} when WeChat sent none
	 */
	public @Nullable String errmsg() {
		return this.errmsg;
	}

}
