package io.github.wxlogin.wechat;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * What code2Session answers for a valid login code.
 * <p>
 * {@link #toString()} never shows the session key, which must stay server-side.
 *
 * @param openid the user's id within this mini program
 * @param unionid the user's id across the apps bound to one Open Platform account, or
 * {@code null} when the mini program is not bound to one
 * @param sessionKey the Base64 session_key used to check signatures and decrypt the
 * user's data; never sent to the client nor logged
 */
public record WxSession(String openid, @Nullable String unionid, String sessionKey) {

	/**
	 * Create the value.
	 * @throws IllegalArgumentException if {@code openid} or {@code sessionKey} is blank
	 */
	public WxSession {
		Assert.hasText(openid, "openid must not be blank");
		Assert.hasText(sessionKey, "sessionKey must not be blank");
	}

	@Override
	public String toString() {
		return "WxSession[openid=" + this.openid + ", unionid=" + this.unionid + ", sessionKey=******]";
	}

}
