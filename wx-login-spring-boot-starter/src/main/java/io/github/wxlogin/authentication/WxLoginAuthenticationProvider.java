package io.github.wxlogin.authentication;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.Assert;

import io.github.wxlogin.crypto.EncryptedDataDecryptor;
import io.github.wxlogin.crypto.InvalidEncryptedDataException;
import io.github.wxlogin.crypto.RawDataSignature;
import io.github.wxlogin.metrics.WxLoginMetrics;
import io.github.wxlogin.store.StoreUnavailableException;
import io.github.wxlogin.store.UsedCodeStore;
import io.github.wxlogin.store.WxSessionStore;
import io.github.wxlogin.token.IssuedRefreshToken;
import io.github.wxlogin.token.RefreshTokenRotation;
import io.github.wxlogin.token.WxTokenContext;
import io.github.wxlogin.token.WxTokenGenerator;
import io.github.wxlogin.wechat.WxApiClient;
import io.github.wxlogin.wechat.WxApp;
import io.github.wxlogin.wechat.WxSession;

/**
 * Authenticates a {@link WxLoginAuthenticationToken}: claims the code (a replay is
 * refused without asking WeChat), exchanges it at code2Session, verifies {@code rawData}
 * and decrypts {@code encryptedData} with the session key, keeps the session key in the
 * {@link WxSessionStore}, resolves the user through the {@link WxUserService}, and issues
 * the access and refresh tokens.
 * <p>
 * Thread-safe. The session key never leaves the server: it is in no exception, token or
 * log line.
 */
public final class WxLoginAuthenticationProvider implements AuthenticationProvider {

	/** How long a used code is remembered by default: WeChat codes live 5 minutes. */
	public static final Duration DEFAULT_USED_CODE_TTL = Duration.ofMinutes(10);

	/**
	 * A code lives five minutes at WeChat: remembering it less would let it be replayed.
	 */
	private static final Duration MIN_USED_CODE_TTL = Duration.ofMinutes(5);

	private static final Log logger = LogFactory.getLog(WxLoginAuthenticationProvider.class);

	private final WxApps apps;

	private final WxApiClient wechat;

	private final WxApiFailures failures;

	private final UsedCodeStore usedCodes;

	private final WxSessionStore sessions;

	private final Duration sessionTimeToLive;

	private final EncryptedDataDecryptor decryptor;

	private final WxUserService users;

	private final RefreshTokenRotation refreshTokens;

	private final WxTokenGenerator accessTokens;

	private Duration usedCodeTtl = DEFAULT_USED_CODE_TTL;

	private final WxLoginLimits limits;

	private final WxLoginMetrics metrics;

	/**
	 * @param apps the configured apps
	 * @param wechat the WeChat API client
	 * @param failures translates WeChat failures
	 * @param usedCodes remembers exchanged codes
	 * @param sessions keeps session keys
	 * @param sessionTimeToLive how long a session key is kept (the refresh token
	 * lifetime)
	 * @param decryptor decrypts user data
	 * @param users resolves the application's user
	 * @param refreshTokens issues refresh tokens
	 * @param accessTokens issues access tokens
	 */
	public WxLoginAuthenticationProvider(WxApps apps, WxApiClient wechat, WxApiFailures failures,
			UsedCodeStore usedCodes, WxSessionStore sessions, Duration sessionTimeToLive,
			EncryptedDataDecryptor decryptor, WxUserService users, RefreshTokenRotation refreshTokens,
			WxTokenGenerator accessTokens) {
		this(apps, wechat, failures, usedCodes, sessions, sessionTimeToLive, decryptor, users, refreshTokens,
				accessTokens, WxLoginLimits.none(), WxLoginMetrics.NONE);
	}

	/**
	 * @param apps the configured apps
	 * @param wechat the WeChat API client
	 * @param failures translates WeChat failures
	 * @param usedCodes remembers exchanged codes
	 * @param sessions keeps session keys
	 * @param sessionTimeToLive how long a session key is kept (the refresh token
	 * lifetime)
	 * @param decryptor decrypts user data
	 * @param users resolves the application's user
	 * @param refreshTokens issues refresh tokens
	 * @param accessTokens issues access tokens
	 * @param limits the code2Session cap per app and the failed-data limit per openid
	 * @param metrics told of every login's outcome
	 */
	public WxLoginAuthenticationProvider(WxApps apps, WxApiClient wechat, WxApiFailures failures,
			UsedCodeStore usedCodes, WxSessionStore sessions, Duration sessionTimeToLive,
			EncryptedDataDecryptor decryptor, WxUserService users, RefreshTokenRotation refreshTokens,
			WxTokenGenerator accessTokens, WxLoginLimits limits, WxLoginMetrics metrics) {
		this.limits = Objects.requireNonNull(limits, "limits");
		this.metrics = Objects.requireNonNull(metrics, "metrics");
		this.apps = Objects.requireNonNull(apps, "apps");
		this.wechat = Objects.requireNonNull(wechat, "wechat");
		this.failures = Objects.requireNonNull(failures, "failures");
		this.usedCodes = Objects.requireNonNull(usedCodes, "usedCodes");
		this.sessions = Objects.requireNonNull(sessions, "sessions");
		this.sessionTimeToLive = Objects.requireNonNull(sessionTimeToLive, "sessionTimeToLive");
		this.decryptor = Objects.requireNonNull(decryptor, "decryptor");
		this.users = Objects.requireNonNull(users, "users");
		this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
		this.accessTokens = Objects.requireNonNull(accessTokens, "accessTokens");
	}

	/**
	 * How long a code already exchanged is remembered, so that its replay is refused
	 * without asking WeChat (10 minutes by default).
	 * @param usedCodeTtl at least five minutes, the life of a code at WeChat
	 */
	public void setUsedCodeTtl(Duration usedCodeTtl) {
		Assert.isTrue(usedCodeTtl != null && usedCodeTtl.compareTo(MIN_USED_CODE_TTL) >= 0,
				"usedCodeTtl must be at least 5 minutes");
		this.usedCodeTtl = usedCodeTtl;
	}

	@Override
	public @Nullable Authentication authenticate(Authentication authentication) throws AuthenticationException {
		WxLoginRequest request = ((WxLoginAuthenticationToken) authentication).getRequest();
		String appId = appIdTag(request.appId());
		try {
			Authentication result = login(request);
			String openid = result.getName();
			this.metrics.login(appId, WxLoginMetrics.SUCCESS);
			if (logger.isInfoEnabled()) {
				logger.info("Login app=" + appId + " openid=" + LoggedIds.shortened(openid) + " outcome=success");
			}
			return result;
		}
		catch (StoreUnavailableException ex) {
			failed(appId, WxLoginError.STORE_UNAVAILABLE.code());
			throw WxLoginException.storeUnavailable();
		}
		catch (WxLoginException ex) {
			failed(appId, ex.getError().code());
			throw ex;
		}
		catch (RuntimeException ex) {
			failed(appId, "error");
			throw ex;
		}
	}

	private void failed(String appId, String outcome) {
		this.metrics.login(appId, outcome);
		if (logger.isInfoEnabled()) {
			logger.info("Login app=" + appId + " outcome=" + outcome);
		}
	}

	/** The app id as a bounded tag: a configured one, or {@code unknown}. */
	private String appIdTag(@Nullable String appId) {
		try {
			return this.apps.resolve(appId).appId();
		}
		catch (WxLoginException ex) {
			return "unknown";
		}
	}

	private Authentication login(WxLoginRequest request) {
		WxApp app = this.apps.resolve(request.appId());
		if (!this.usedCodes.claim(app.appId(), request.code(), this.usedCodeTtl)) {
			throw new WxLoginException(WxLoginError.INVALID_CODE);
		}
		try {
			this.limits.acquireCode2Session(app.appId());
		}
		catch (WxLoginException ex) {
			// WeChat was not asked: the code is still good for a retry
			this.usedCodes.release(app.appId(), request.code());
			throw ex;
		}
		WxSession session = exchange(app, request.code());
		Map<String, Object> userInfo = verifiedUserInfo(app, session, request);
		this.sessions.save(app.appId(), session.openid(), session.sessionKey(), this.sessionTimeToLive);
		WxUser user = loadUser(new WxIdentity(app.appId(), session.openid(), session.unionid(), userInfo, null));
		IssuedRefreshToken refreshToken = this.refreshTokens.start(app.appId(), session.openid(), session.unionid());
		Jwt accessToken = this.accessTokens.generate(WxTokenContext.login(WxUserAuthentication.of(user), app.appId(),
				session.unionid(), refreshToken.familyId()));
		return new WxLoginResult(user, accessToken, refreshToken, userInfo);
	}

	private WxSession exchange(WxApp app, String code) {
		try {
			return this.wechat.code2Session(app, code);
		}
		catch (RuntimeException ex) {
			WxLoginException failure = this.failures.translate(app, ex);
			if (failure.getRetryAfter() != null) {
				// WeChat may not have consumed the code: let the client retry it
				this.usedCodes.release(app.appId(), code);
			}
			throw failure;
		}
	}

	private @Nullable Map<String, Object> verifiedUserInfo(WxApp app, WxSession session, WxLoginRequest request) {
		if (request.rawData() == null && request.encryptedData() == null) {
			return null;
		}
		this.limits.checkDataFailures(app.appId(), session.openid());
		try {
			return checkedUserInfo(app, session, request);
		}
		catch (WxLoginException ex) {
			// invalid_signature or invalid_encrypted_data
			this.limits.dataFailed(app.appId(), session.openid());
			throw ex;
		}
	}

	private @Nullable Map<String, Object> checkedUserInfo(WxApp app, WxSession session, WxLoginRequest request) {
		if (request.rawData() != null
				&& !RawDataSignature.matches(request.rawData(), session.sessionKey(), request.signature())) {
			throw new WxLoginException(WxLoginError.INVALID_SIGNATURE);
		}
		if (request.encryptedData() == null || request.iv() == null) {
			return null;
		}
		try {
			Map<String, Object> decrypted = this.decryptor.decrypt(app.appId(), session.sessionKey(),
					request.encryptedData(), request.iv());
			Map<String, Object> userInfo = new LinkedHashMap<>(decrypted);
			userInfo.remove("watermark");
			return userInfo;
		}
		catch (InvalidEncryptedDataException ex) {
			throw new WxLoginException(WxLoginError.INVALID_ENCRYPTED_DATA);
		}
	}

	private WxUser loadUser(WxIdentity identity) {
		try {
			WxUser user = this.users.loadUser(identity);
			if (!identity.openid().equals(user.getName())) {
				throw new IllegalStateException("WxUserService must return a user named by the openid");
			}
			return user;
		}
		catch (AccountStatusException ex) {
			throw new WxLoginException(WxLoginError.ACCESS_DENIED);
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return WxLoginAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
