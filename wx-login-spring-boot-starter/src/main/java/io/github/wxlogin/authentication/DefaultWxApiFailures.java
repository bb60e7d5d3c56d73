package io.github.wxlogin.authentication;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.wxlogin.wechat.WxApiException;
import io.github.wxlogin.wechat.WxApiUnavailableException;
import io.github.wxlogin.wechat.WxApp;
import io.github.wxlogin.wechat.WxErrcode;

/**
 * The starter's {@link WxApiFailures}: translates WeChat API failures into the contract's
 * errors: 40029, 40163 and 41008 are the client's bad code; 40226 a blocked user; 45011 a
 * rate limit; our own app id or secret refused (40013, 40125), or an API the mini-program
 * may not use (48001), is logged once per app and errcode as a misconfiguration (WARN)
 * and answered, like every other failure, as WeChat being unavailable.
 * <p>
 * Thread-safe.
 */
final class DefaultWxApiFailures implements WxApiFailures {

	private static final Log logger = LogFactory.getLog(DefaultWxApiFailures.class);

	/** App id and errcode of each misconfiguration already logged. */
	private final Set<String> misconfiguredApps = ConcurrentHashMap.newKeySet();

	/**
	 * @param app the app the call was made for
	 * @param failure what the WeChat client threw
	 * @return the exception to answer with
	 */
	@Override
	public WxLoginException translate(WxApp app, RuntimeException failure) {
		if (failure instanceof WxApiException rejected) {
			return switch (rejected.errcode()) {
				case WxErrcode.INVALID_CODE, WxErrcode.CODE_BEEN_USED, WxErrcode.MISSING_CODE ->
					new WxLoginException(WxLoginError.INVALID_CODE);
				case WxErrcode.CODE_BLOCKED -> new WxLoginException(WxLoginError.RISKY_USER);
				case WxErrcode.MINUTE_QUOTA -> new WxLoginException(WxLoginError.RATE_LIMITED, RATE_LIMIT_RETRY_AFTER);
				case WxErrcode.INVALID_APPID, WxErrcode.INVALID_APPSECRET, WxErrcode.API_UNAUTHORIZED ->
					misconfigured(app, rejected.errcode());
				default -> {
					logger.warn("WeChat answered errcode " + rejected.errcode() + " for app " + app.appId());
					yield new WxLoginException(WxLoginError.WECHAT_UNAVAILABLE, UNAVAILABLE_RETRY_AFTER);
				}
			};
		}
		if (failure instanceof WxApiUnavailableException) {
			logger.warn("WeChat is unavailable for app " + app.appId() + ": " + failure.getMessage());
			return new WxLoginException(WxLoginError.WECHAT_UNAVAILABLE, UNAVAILABLE_RETRY_AFTER);
		}
		throw failure;
	}

	private WxLoginException misconfigured(WxApp app, int errcode) {
		if (this.misconfiguredApps.add(app.appId() + ' ' + errcode)) {
			String fix = (errcode == WxErrcode.API_UNAUTHORIZED)
					? "the mini-program lacks the permission for this API (is it verified?)"
					: "check wx.login app-id and app-secret";
			logger.warn("Misconfiguration: WeChat refused app " + app.appId() + " (errcode " + errcode + "): " + fix);
		}
		return new WxLoginException(WxLoginError.WECHAT_UNAVAILABLE, UNAVAILABLE_RETRY_AFTER);
	}

}
