package io.github.wxlogin.authentication;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.GrantedAuthority;

/**
 * The {@link WxUser} of {@link WxUser#of}: an identity and its authorities.
 */
record DefaultWxUser(String appId, String openid, @Nullable String unionid,
		Collection<? extends GrantedAuthority> authorities) implements WxUser {

	DefaultWxUser {
		Objects.requireNonNull(appId, "appId");
		Objects.requireNonNull(openid, "openid");
		authorities = List.copyOf(authorities);
	}

	@Override
	public String getAppId() {
		return this.appId;
	}

	@Override
	public String getOpenid() {
		return this.openid;
	}

	@Override
	public @Nullable String getUnionid() {
		return this.unionid;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return this.authorities;
	}

}
