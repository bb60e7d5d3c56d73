package io.github.wxlogin.wechat;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

import io.github.wxlogin.metrics.WxLoginMetrics;

/**
 * A {@link WxApiClient} that tells {@link WxLoginMetrics} of every call: the API, its
 * outcome ({@code success}, {@code errcode_<n>} for the errcodes of {@link WxErrcode},
 * {@code errcode_other} or {@code unavailable}) and its duration; and of every
 * access_token fetch. Nothing else is passed on: no code, token or openid.
 */
public final class ObservedWxApiClient implements WxApiClient {

	static final String CODE2SESSION = "code2Session";

	static final String STABLE_TOKEN = "stable_token";

	static final String PHONE_NUMBER = "getuserphonenumber";

	/**
	 * Tagged by number; any other errcode is {@code errcode_other}, so tags stay bounded.
	 */
	private static final java.util.Set<Integer> KNOWN_ERRCODES = java.util.Set.of(WxErrcode.SYSTEM_BUSY,
			WxErrcode.INVALID_CREDENTIAL, WxErrcode.INVALID_GRANT_TYPE, WxErrcode.INVALID_APPID,
			WxErrcode.INVALID_ACCESS_TOKEN, WxErrcode.INVALID_CODE, WxErrcode.INVALID_APPSECRET,
			WxErrcode.CODE_BEEN_USED, WxErrcode.IP_NOT_WHITELISTED, WxErrcode.CODE_BLOCKED,
			WxErrcode.MISSING_ACCESS_TOKEN, WxErrcode.MISSING_APPID, WxErrcode.MISSING_CODE,
			WxErrcode.ACCESS_TOKEN_EXPIRED, WxErrcode.DAILY_QUOTA, WxErrcode.MINUTE_QUOTA, WxErrcode.DATA_FORMAT_ERROR,
			WxErrcode.API_UNAUTHORIZED, WxErrcode.INVALID_SIGNATURE);

	private final WxApiClient delegate;

	private final WxLoginMetrics metrics;

	public ObservedWxApiClient(WxApiClient delegate, WxLoginMetrics metrics) {
		this.delegate = Objects.requireNonNull(delegate, "delegate");
		this.metrics = Objects.requireNonNull(metrics, "metrics");
	}

	/**
	 * @return {@code client} observed, unless metrics are off or it already is
	 */
	public static WxApiClient observe(WxApiClient client, WxLoginMetrics metrics) {
		return (metrics == WxLoginMetrics.NONE || client instanceof ObservedWxApiClient) ? client
				: new ObservedWxApiClient(client, metrics);
	}

	@Override
	public WxSession code2Session(WxApp app, String code) {
		return observe(CODE2SESSION, () -> this.delegate.code2Session(app, code), null);
	}

	@Override
	public WxAccessToken stableAccessToken(WxApp app, boolean forceRefresh) {
		return observe(STABLE_TOKEN, () -> this.delegate.stableAccessToken(app, forceRefresh), app);
	}

	@Override
	public WxPhoneInfo phoneNumber(WxApp app, String accessToken, String phoneCode, String openid) {
		return observe(PHONE_NUMBER, () -> this.delegate.phoneNumber(app, accessToken, phoneCode, openid), null);
	}

	private <T> T observe(String api, Supplier<T> call, @org.jspecify.annotations.Nullable WxApp tokenOf) {
		long start = System.nanoTime();
		String outcome = "unavailable";
		try {
			T result = call.get();
			outcome = WxLoginMetrics.SUCCESS;
			return result;
		}
		catch (WxApiException ex) {
			outcome = KNOWN_ERRCODES.contains(ex.errcode()) ? "errcode_" + ex.errcode() : "errcode_other";
			throw ex;
		}
		finally {
			this.metrics.wechatCall(api, outcome, Duration.ofNanos(System.nanoTime() - start));
			if (tokenOf != null) {
				this.metrics.accessTokenFetch(tokenOf.appId(), outcome);
			}
		}
	}

}
