package io.github.wxlogin.authentication;

import java.util.List;

import org.springframework.security.core.authority.AuthorityUtils;

/**
 * The default {@link WxUserService}: every WeChat user is a user, with {@code ROLE_USER}
 * and nothing stored.
 */
public final class DefaultWxUserService implements WxUserService {

	private static final List<org.springframework.security.core.GrantedAuthority> AUTHORITIES = AuthorityUtils
		.createAuthorityList("ROLE_USER");

	@Override
	public WxUser loadUser(WxIdentity identity) {
		return WxUser.of(identity, AUTHORITIES);
	}

}
