package io.github.wxlogin.authentication;

import java.io.Serializable;
import java.util.Collection;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.GrantedAuthority;

/**
 * The application's user behind a WeChat login: the principal of a successful login. Its
 * {@link #getName() name} is the openid, which becomes the access token's {@code sub};
 * its authorities become the token's {@code scope}.
 * <p>
 * Applications may implement it on their own user type, or use {@link #of}.
 */
public interface WxUser extends AuthenticatedPrincipal, Serializable {

	/**
	 * @return the mini-program the user logged in to
	 */
	String getAppId();

	/**
	 * @return the user's openid in that app
	 */
	String getOpenid();

	/**
	 * @return the user's unionid, when known
	 */
	@Nullable String getUnionid();

	/**
	 * @return the authorities granted to the user
	 */
	Collection<? extends GrantedAuthority> getAuthorities();

	/**
	 * @return the openid
	 */
	@Override
	default String getName() {
		return getOpenid();
	}

	/**
	 * A user made of an identity and authorities.
	 */
	static WxUser of(WxIdentity identity, Collection<? extends GrantedAuthority> authorities) {
		return new DefaultWxUser(identity.appId(), identity.openid(), identity.unionid(), authorities);
	}

}
