package io.github.wxlogin.wechat;

import java.time.Instant;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Where the WeChat server API's access token of each app comes from, for the calls that
 * need one (getuserphonenumber). The starter's is {@link StableAccessTokens}
 * ({@code stable_token}, cached, shared through the Redis store); an application whose
 * tokens come from a central token service of its own declares its own bean.
 * <p>
 * Thread-safe. Tokens are never logged.
 */
public interface WxAccessTokens {

	/**
	 * Run a call with the app's access token; if WeChat refuses the token as no longer
	 * good (a {@link WxApiException} with 40001, 42001 or 40014), get a new one and run
	 * the call once more.
	 * @param app the mini-program
	 * @param call the call, given the token
	 * @return the call's result
	 */
	<T> T withAccessToken(WxApp app, Function<String, T> call);

	/**
	 * @param app the mini-program
	 * @return the app's current access token
	 */
	String get(WxApp app);

	/**
	 * For a health check, which never calls WeChat: until when the app's cached token is
	 * used.
	 * @param appId the mini-program
	 * @return the instant, possibly past, or {@code null} when nothing is cached here
	 */
	@Nullable Instant cachedUntil(String appId);

}
