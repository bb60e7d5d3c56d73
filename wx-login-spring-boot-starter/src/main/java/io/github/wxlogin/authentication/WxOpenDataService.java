package io.github.wxlogin.authentication;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.AuthenticationException;

import io.github.wxlogin.crypto.EncryptedDataDecryptor;
import io.github.wxlogin.crypto.InvalidEncryptedDataException;
import io.github.wxlogin.crypto.RawDataSignature;
import io.github.wxlogin.store.StoreUnavailableException;
import io.github.wxlogin.store.WxSessionStore;
import io.github.wxlogin.wechat.WxAccessTokens;
import io.github.wxlogin.wechat.WxApiClient;
import io.github.wxlogin.wechat.WxApp;
import io.github.wxlogin.wechat.WxPhoneInfo;

/**
 * The user data a logged-in user sends after login, verified for that user: the phone
 * number (by phone code through WeChat, or legacy encrypted data) and the profile
 * (encrypted user info with its {@code rawData} signature), both checked with the session
 * key of the caller's own latest login and the watermark of the caller's app. The
 * verified data goes to the application through {@link WxUserService#loadUser}, with the
 * phone number or user info present in the {@link WxIdentity}, so it can store it.
 * <p>
 * Thread-safe.
 */
public final class WxOpenDataService {

	private final WxApps apps;

	private final WxAccessTokens accessTokens;

	private final WxApiClient wechat;

	private final WxApiFailures failures;

	private final WxSessionStore sessions;

	private final EncryptedDataDecryptor decryptor;

	private final WxUserService users;

	private final WxLoginLimits limits;

	public WxOpenDataService(WxApps apps, WxApiClient wechat, WxAccessTokens accessTokens, WxApiFailures failures,
			WxSessionStore sessions, EncryptedDataDecryptor decryptor, WxUserService users) {
		this(apps, wechat, accessTokens, failures, sessions, decryptor, users, WxLoginLimits.none());
	}

	/**
	 * @param apps the configured apps
	 * @param wechat the WeChat API client
	 * @param accessTokens the apps' cached access tokens
	 * @param failures translates WeChat failures
	 * @param sessions the callers' session keys
	 * @param decryptor decrypts user data
	 * @param users told of the verified data
	 * @param limits the phone-call and failed-data limits per openid
	 */
	public WxOpenDataService(WxApps apps, WxApiClient wechat, WxAccessTokens accessTokens, WxApiFailures failures,
			WxSessionStore sessions, EncryptedDataDecryptor decryptor, WxUserService users, WxLoginLimits limits) {
		this.limits = Objects.requireNonNull(limits, "limits");
		this.apps = Objects.requireNonNull(apps, "apps");
		this.wechat = Objects.requireNonNull(wechat, "wechat");
		this.accessTokens = Objects.requireNonNull(accessTokens, "accessTokens");
		this.failures = Objects.requireNonNull(failures, "failures");
		this.sessions = Objects.requireNonNull(sessions, "sessions");
		this.decryptor = Objects.requireNonNull(decryptor, "decryptor");
		this.users = Objects.requireNonNull(users, "users");
	}

	/**
	 * The caller's phone number from a phone code ({@code getuserphonenumber} with the
	 * app's cached access token).
	 * @param caller who asks (app id, openid and unionid from the bearer token)
	 * @param phoneCode the code from the phone-number button
	 */
	public WxPhoneNumber phoneNumberByCode(WxIdentity caller, String phoneCode) {
		WxApp app = app(caller);
		this.limits.acquirePhoneCall(app.appId(), caller.openid());
		WxPhoneInfo info;
		try {
			info = this.accessTokens.withAccessToken(app,
					(accessToken) -> this.wechat.phoneNumber(app, accessToken, phoneCode, caller.openid()));
		}
		catch (RuntimeException ex) {
			throw this.failures.translate(app, ex);
		}
		if (info.watermarkAppId() != null && !info.watermarkAppId().equals(app.appId())) {
			throw new WxLoginException(WxLoginError.INVALID_ENCRYPTED_DATA);
		}
		return verified(caller, new WxPhoneNumber(info.phoneNumber(), info.purePhoneNumber(), info.countryCode()));
	}

	/**
	 * The caller's phone number from the legacy encrypted data of the phone-number
	 * button.
	 */
	public WxPhoneNumber phoneNumberByEncryptedData(WxIdentity caller, String encryptedData, String iv) {
		this.limits.checkDataFailures(caller.appId(), caller.openid());
		Map<String, Object> data = decrypt(caller, encryptedData, iv);
		if (!(data.get("phoneNumber") instanceof String phoneNumber)
				|| !(data.get("purePhoneNumber") instanceof String purePhoneNumber)
				|| data.get("countryCode") == null) {
			throw new WxLoginException(WxLoginError.INVALID_ENCRYPTED_DATA);
		}
		return verified(caller,
				new WxPhoneNumber(phoneNumber, purePhoneNumber, String.valueOf(data.get("countryCode"))));
	}

	/**
	 * The caller's profile from encrypted user info, with its {@code rawData} signature
	 * checked when sent.
	 * @return the decrypted user info without its watermark
	 */
	public Map<String, Object> profile(WxIdentity caller, String encryptedData, String iv, @Nullable String rawData,
			@Nullable String signature) {
		this.limits.checkDataFailures(caller.appId(), caller.openid());
		if (rawData != null) {
			String sessionKey = sessionKey(caller, true);
			if (!RawDataSignature.matches(rawData, sessionKey, signature)) {
				this.limits.dataFailed(caller.appId(), caller.openid());
				throw new WxLoginException(WxLoginError.INVALID_SIGNATURE);
			}
		}
		Map<String, Object> userInfo = new LinkedHashMap<>(decrypt(caller, encryptedData, iv));
		userInfo.remove("watermark");
		load(new WxIdentity(caller.appId(), caller.openid(), caller.unionid(), userInfo, null));
		return userInfo;
	}

	private WxPhoneNumber verified(WxIdentity caller, WxPhoneNumber phoneNumber) {
		load(new WxIdentity(caller.appId(), caller.openid(), caller.unionid(), null, phoneNumber));
		return phoneNumber;
	}

	private void load(WxIdentity identity) {
		try {
			this.users.loadUser(identity);
		}
		catch (AuthenticationException ex) {
			throw new WxLoginException(WxLoginError.ACCESS_DENIED);
		}
	}

	private Map<String, Object> decrypt(WxIdentity caller, String encryptedData, String iv) {
		try {
			return this.decryptor.decrypt(caller.appId(), sessionKey(caller, false), encryptedData, iv);
		}
		catch (InvalidEncryptedDataException ex) {
			this.limits.dataFailed(caller.appId(), caller.openid());
			throw new WxLoginException(WxLoginError.INVALID_ENCRYPTED_DATA);
		}
	}

	private String sessionKey(WxIdentity caller, boolean forSignature) {
		String sessionKey;
		try {
			sessionKey = this.sessions.find(caller.appId(), caller.openid());
		}
		catch (StoreUnavailableException ex) {
			throw WxLoginException.storeUnavailable();
		}
		if (sessionKey == null) {
			// no session key kept for this user (expired, or another instance's memory)
			throw forSignature ? new WxLoginException(WxLoginError.INVALID_SIGNATURE)
					: new WxLoginException(WxLoginError.INVALID_ENCRYPTED_DATA);
		}
		return sessionKey;
	}

	private WxApp app(WxIdentity caller) {
		return this.apps.resolve(caller.appId());
	}

}
