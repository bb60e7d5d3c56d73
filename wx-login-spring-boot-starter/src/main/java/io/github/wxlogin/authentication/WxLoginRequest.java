package io.github.wxlogin.authentication;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What the mini-program sent to log in, already checked for form (the code is present;
 * Base64 fields decode; the IV is 16 bytes; {@code signature} comes with {@code rawData};
 * {@code iv} with {@code encryptedData}).
 *
 * @param appId the app the client names, or {@code null}
 * @param code the one-time code from {@code wx.login}
 * @param rawData the user info as the client received it, to verify, or {@code null}
 * @param signature {@code sha1(rawData + session_key)} in hex, with {@code rawData}
 * @param encryptedData Base64 encrypted user info, or {@code null}
 * @param iv Base64 IV, with {@code encryptedData}
 */
public record WxLoginRequest(@Nullable String appId, String code, @Nullable String rawData, @Nullable String signature,
		@Nullable String encryptedData, @Nullable String iv) {

	public WxLoginRequest {
		Objects.requireNonNull(code, "code");
	}

	@Override
	public String toString() {
		return "WxLoginRequest[appId=" + this.appId + ", rawData=" + (this.rawData != null) + ", encryptedData="
				+ (this.encryptedData != null) + "]";
	}

}
