package io.github.wxlogin.wechat;

/**
 * Calls WeChat's server API.
 * <p>
 * Implementations are thread-safe and hold no per-user state. They never log nor put into
 * an exception the AppSecret, the request URL (it contains the secret), the login code or
 * the session_key.
 *
 * @see RestClientWxApiClient
 */
public interface WxApiClient {

	/**
	 * Exchange a login code from {@code wx.login} for the user's identity and session_key
	 * ({@code GET /sns/jscode2session}, see docs/wechat.md, "code2Session"). A code is
	 * valid for five minutes and for one exchange only; do not retry with the same code.
	 * @param app the mini program the code was issued for
	 * @param code the code from {@code wx.login}, sent as given
	 * @return the session; never {@code null}
	 * @throws WxApiException if WeChat answered a non-zero {@code errcode} (for example
	 * {@link WxErrcode#INVALID_CODE}, {@link WxErrcode#CODE_BEEN_USED},
	 * {@link WxErrcode#CODE_BLOCKED}, {@link WxErrcode#MINUTE_QUOTA},
	 * {@link WxErrcode#SYSTEM_BUSY}, {@link WxErrcode#INVALID_APPSECRET})
	 * @throws WxApiUnavailableException if WeChat could not be reached in time or gave no
	 * usable answer
	 */
	WxSession code2Session(WxApp app, String code);

	/**
	 * Fetch the app's access token from {@code POST /cgi-bin/stable_token} (see
	 * docs/wechat.md, "The access token"). In normal mode WeChat answers the same token
	 * while it is valid, so every instance may call it independently; force mode
	 * invalidates the current token (20 calls a day, 30 s apart).
	 * @param app the mini program
	 * @param forceRefresh whether to force a new token
	 * @return the token; never {@code null}
	 * @throws WxApiException if WeChat answered a non-zero {@code errcode}
	 * @throws WxApiUnavailableException if WeChat could not be reached in time or gave no
	 * usable answer
	 */
	WxAccessToken stableAccessToken(WxApp app, boolean forceRefresh);

	/**
	 * Exchange a phone code from {@code <button open-type="getPhoneNumber">} for the
	 * user's phone number ({@code POST /wxa/business/getuserphonenumber}, see
	 * docs/wechat.md, "Phone numbers"). The access token travels in the query string, as
	 * WeChat requires; it is never logged.
	 * @param app the mini program
	 * @param accessToken the app's access token
	 * @param phoneCode the phone code, single use, valid 5 minutes
	 * @param openid the caller's openid, sent along so that WeChat refuses a code that
	 * was issued to another user
	 * @return the phone number with its watermark app id
	 * @throws WxApiException if WeChat answered a non-zero {@code errcode} (40029 for a
	 * bad code or another user's; 40001, 42001 or 40014 for an access token that is no
	 * longer good)
	 * @throws WxApiUnavailableException if WeChat could not be reached in time or gave no
	 * usable answer
	 */
	WxPhoneInfo phoneNumber(WxApp app, String accessToken, String phoneCode, String openid);

}
