package io.github.wxlogin.token;

import java.util.List;
import java.util.Objects;

import io.github.wxlogin.store.RefreshTokenStore;
import io.github.wxlogin.store.WxLoginSession;
import io.github.wxlogin.store.WxLoginSessions;

/**
 * {@link WxLoginSessions} on the {@link RefreshTokenStore}: a user's logins are the
 * store's {@link RefreshTokenStore#logins logins}, and revoking them revokes each family
 * as logout does, which refuses its access tokens too.
 */
public final class DefaultWxLoginSessions implements WxLoginSessions {

	private final RefreshTokenStore store;

	private final RefreshTokenRotation rotation;

	public DefaultWxLoginSessions(RefreshTokenStore store, RefreshTokenRotation rotation) {
		this.store = Objects.requireNonNull(store, "store");
		this.rotation = Objects.requireNonNull(rotation, "rotation");
	}

	@Override
	public List<WxLoginSession> list(String appId, String openid) {
		return this.store.logins(appId, openid);
	}

	@Override
	public int revokeAll(String appId, String openid) {
		List<WxLoginSession> logins = this.store.logins(appId, openid);
		for (WxLoginSession login : logins) {
			this.rotation.revokeFamily(login.loginId());
		}
		return logins.size();
	}

}
