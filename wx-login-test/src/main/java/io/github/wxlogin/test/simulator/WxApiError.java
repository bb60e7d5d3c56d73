package io.github.wxlogin.test.simulator;

/**
 * A business error the simulator answers with HTTP 200 and
 * {@code {"errcode":...,"errmsg":"..., rid: ..."}}. Thrown by the endpoint code, turned
 * into the answer in one place; carries no stack trace.
 */
final class WxApiError extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** WeChat's wording for 45011, odd spacing included. */
	static final String MINUTE_QUOTA_MESSAGE = "api minute-quota reach limit  mustslower  retry next minute";

	private final int errcode;

	WxApiError(int errcode, String errmsg) {
		super(errmsg, null, false, false);
		this.errcode = errcode;
	}

	int errcode() {
		return this.errcode;
	}

	String errmsg() {
		return getMessage();
	}

	static WxApiError invalidAppid() {
		return new WxApiError(40013, "invalid appid");
	}

	static WxApiError invalidAppsecret() {
		return new WxApiError(40125, "invalid appsecret");
	}

	static WxApiError appidMissing() {
		return new WxApiError(41002, "appid missing");
	}

	static WxApiError invalidGrantType() {
		return new WxApiError(40002, "invalid grant_type");
	}

	static WxApiError missingCode() {
		return new WxApiError(41008, "missing code");
	}

	static WxApiError invalidCode() {
		return new WxApiError(40029, "invalid code");
	}

	static WxApiError dataFormatError() {
		return new WxApiError(47001, "data format error");
	}

}
