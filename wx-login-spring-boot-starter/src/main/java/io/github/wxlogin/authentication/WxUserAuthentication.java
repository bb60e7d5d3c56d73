package io.github.wxlogin.authentication;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * The user a token is issued to, as the {@link io.github.wxlogin.token.WxTokenContext}'s
 * principal: the {@link WxUser}, named by the openid, with its authorities. An
 * application that issues tokens itself (through the
 * {@link io.github.wxlogin.token.WxTokenGenerator} bean) makes one with {@link #of}.
 */
public final class WxUserAuthentication extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final WxUser user;

	private WxUserAuthentication(WxUser user) {
		super(user.getAuthorities());
		this.user = user;
		super.setAuthenticated(true);
	}

	/**
	 * @param user the application's user
	 * @return the user, authenticated, with its authorities
	 */
	public static WxUserAuthentication of(WxUser user) {
		return new WxUserAuthentication(user);
	}

	@Override
	public WxUser getPrincipal() {
		return this.user;
	}

	@Override
	public @Nullable Object getCredentials() {
		return null;
	}

	@Override
	public String getName() {
		return this.user.getName();
	}

	@Override
	public String toString() {
		return "WxUserAuthentication[appId=" + this.user.getAppId() + ", openid="
				+ LoggedIds.shortened(this.user.getOpenid()) + "]";
	}

}
