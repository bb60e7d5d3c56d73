package io.github.wxlogin.wechat;

/**
 * Calls WeChat's server API.
 * <p>
 * Implementations are thread-safe and hold no per-user state. They never log nor put
 * into an exception the AppSecret, the request URL (it contains the secret), the login
 * code or the session_key.
 *
 * @see RestClientWxApiClient
 */
public interface WxApiClient {

	/**
	 * Exchange a login code from {@code wx.login} for the user's identity and
	 * session_key ({@code GET /sns/jscode2session}, wechat-api.md §1). A code is valid
	 * for five minutes and for one exchange only; do not retry with the same code.
	 * @param app the mini program the code was issued for
	 * @param code the code from {@code wx.login}, sent as given
	 * @return the session; never {@code null}
	 * @throws WxApiException if WeChat answered a non-zero {@code errcode} (for
	 * example {@link WxErrcode#INVALID_CODE}, {@link WxErrcode#CODE_BEEN_USED},
	 * {@link WxErrcode#CODE_BLOCKED}, {@link WxErrcode#MINUTE_QUOTA},
	 * {@link WxErrcode#SYSTEM_BUSY}, {@link WxErrcode#INVALID_APPSECRET})
	 * @throws WxApiUnavailableException if WeChat could not be reached in time or gave
	 * no usable answer
	 */
	WxSession code2Session(WxApp app, String code);

}
