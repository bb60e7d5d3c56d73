package io.github.wxlogin.wechat;

/**
 * {@code errcode} values that WeChat's server API answers (see docs/wechat.md, "The
 * errcodes the starter maps"). Match on these, never on {@code errmsg}.
 */
public final class WxErrcode {

	/** {@code -1} system error: WeChat is busy; transient, retry with backoff. */
	public static final int SYSTEM_BUSY = -1;

	/** {@code 0} success, as the newer endpoints answer it. */
	public static final int OK = 0;

	/**
	 * {@code 40001} invalid credential: wrong AppSecret for a token, or token superseded.
	 */
	public static final int INVALID_CREDENTIAL = 40001;

	/** {@code 40002} invalid grant_type. */
	public static final int INVALID_GRANT_TYPE = 40002;

	/** {@code 40013} invalid appid: AppID malformed or unknown (our misconfiguration). */
	public static final int INVALID_APPID = 40013;

	/** {@code 40014} invalid access_token. */
	public static final int INVALID_ACCESS_TOKEN = 40014;

	/** {@code 40029} invalid code: unknown, expired, or from another app. */
	public static final int INVALID_CODE = 40029;

	/** {@code 40125} invalid appsecret (our misconfiguration). */
	public static final int INVALID_APPSECRET = 40125;

	/** {@code 40163} code been used: second exchange of the same code. */
	public static final int CODE_BEEN_USED = 40163;

	/** {@code 40164} caller IP not in the account's API IP whitelist. */
	public static final int IP_NOT_WHITELISTED = 40164;

	/** {@code 40226} code blocked: high-risk user intercepted by WeChat risk control. */
	public static final int CODE_BLOCKED = 40226;

	/** {@code 41001} access_token missing. */
	public static final int MISSING_ACCESS_TOKEN = 41001;

	/** {@code 41002} appid missing. */
	public static final int MISSING_APPID = 41002;

	/** {@code 41008} missing code: {@code js_code} empty. */
	public static final int MISSING_CODE = 41008;

	/** {@code 42001} access_token expired. */
	public static final int ACCESS_TOKEN_EXPIRED = 42001;

	/** {@code 45009} daily API quota reached. */
	public static final int DAILY_QUOTA = 45009;

	/** {@code 45011} minute quota reached: slow down, retry next minute. */
	public static final int MINUTE_QUOTA = 45011;

	/** {@code 47001} data format error: body not parseable JSON. */
	public static final int DATA_FORMAT_ERROR = 47001;

	/** {@code 48001} api unauthorized: the account lacks permission for this API. */
	public static final int API_UNAUTHORIZED = 48001;

	/** {@code 87009} invalid signature: checksession found the session_key invalid. */
	public static final int INVALID_SIGNATURE = 87009;

	private WxErrcode() {
	}

}
