package io.github.wxlogin.authentication;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A verified WeChat identity, as handed to {@link WxUserService}: {@code openid} and
 * {@code unionid} come from code2Session (never from client data); user info and phone
 * number are present only when the client sent them and they were verified and decrypted.
 *
 * @param appId the mini-program's app id
 * @param openid the user's openid in that app
 * @param unionid the user's unionid, when the app is bound to an Open Platform account
 * @param userInfo the decrypted user info (without its watermark), or {@code null}
 * @param phoneNumber the verified phone number, or {@code null}
 */
public record WxIdentity(String appId, String openid, @Nullable String unionid, @Nullable Map<String, Object> userInfo,
		@Nullable WxPhoneNumber phoneNumber) {

	public WxIdentity {
		Objects.requireNonNull(appId, "appId");
		Objects.requireNonNull(openid, "openid");
		userInfo = (userInfo != null) ? Map.copyOf(userInfo) : null;
	}

	/**
	 * An identity with no user info and no phone number.
	 */
	public static WxIdentity of(String appId, String openid, @Nullable String unionid) {
		return new WxIdentity(appId, openid, unionid, null, null);
	}

}
