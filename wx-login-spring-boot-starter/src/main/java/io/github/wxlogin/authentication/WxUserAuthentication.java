package io.github.wxlogin.authentication;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A {@link WxUser}, authenticated: named by the openid, with its authorities, holding no
 * credentials. It is the {@link io.github.wxlogin.token.WxTokenContext}'s principal (an
 * application that issues tokens itself, through the
 * {@link io.github.wxlogin.token.WxTokenGenerator} bean, makes one with {@link #of}), and
 * with the tokens just issued it is a {@link WxTokenAuthentication}.
 */
public sealed class WxUserAuthentication extends AbstractAuthenticationToken permits WxTokenAuthentication {

	private static final long serialVersionUID = 1L;

	private final WxUser user;

	WxUserAuthentication(WxUser user) {
		super(user.getAuthorities());
		this.user = Objects.requireNonNull(user, "user");
		super.setAuthenticated(true);
	}

	/**
	 * @param user the application's user
	 * @return the user, authenticated, with its authorities
	 */
	public static WxUserAuthentication of(WxUser user) {
		return new WxUserAuthentication(user);
	}

	/**
	 * @return the application's user
	 */
	public WxUser getUser() {
		return this.user;
	}

	/**
	 * @return the mini-program
	 */
	public String getAppId() {
		return this.user.getAppId();
	}

	/**
	 * @return the user's openid
	 */
	public String getOpenid() {
		return this.user.getOpenid();
	}

	/**
	 * @return the user's unionid, when known
	 */
	public @Nullable String getUnionid() {
		return this.user.getUnionid();
	}

	/**
	 * @return the {@link WxUser}
	 */
	@Override
	public WxUser getPrincipal() {
		return this.user;
	}

	/**
	 * @return always {@code null}: neither the code, a refresh token nor the session key
	 * is kept here
	 */
	@Override
	public @Nullable Object getCredentials() {
		return null;
	}

	@Override
	public String getName() {
		return this.user.getName();
	}

	/**
	 * @throws IllegalArgumentException when asked to become unauthenticated: the user was
	 * authenticated, and so were the tokens issued to it
	 */
	@Override
	public void setAuthenticated(boolean authenticated) {
		if (!authenticated) {
			throw new IllegalArgumentException("An authenticated WeChat user stays authenticated");
		}
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[appId=" + getAppId() + ", openid=" + LoggedIds.shortened(getOpenid())
				+ "]";
	}

}
