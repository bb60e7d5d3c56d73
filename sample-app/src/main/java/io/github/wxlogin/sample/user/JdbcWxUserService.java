package io.github.wxlogin.sample.user;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.stereotype.Service;

import io.github.wxlogin.authentication.WxIdentity;
import io.github.wxlogin.authentication.WxUser;
import io.github.wxlogin.authentication.WxUserService;

/**
 * Finds or registers the user of a WeChat login in the database, keyed by (app id,
 * openid). Called on login and refresh, and again with the verified phone number
 * ({@code /wx/phone}) or user info ({@code /wx/profile}), which it stores: a real
 * nickname and avatar are kept, and WeChat's anonymous placeholders (nickname
 * {@code 微信用户}) never overwrite them.
 */
@Service
class JdbcWxUserService implements WxUserService {

	static final String PLACEHOLDER_NICKNAME = "微信用户";

	private final UserAccountRepository users;

	private final Clock clock = Clock.systemUTC();

	JdbcWxUserService(UserAccountRepository users) {
		this.users = users;
	}

	@Override
	public WxUser loadUser(WxIdentity identity) {
		Instant now = this.clock.instant();
		UserAccount account = this.users.findByAppIdAndOpenid(identity.appId(), identity.openid())
			.map((existing) -> existing.withLogin(identity.unionid(), now))
			.orElseGet(() -> new UserAccount(null, identity.appId(), identity.openid(), identity.unionid(), null, null,
					null, "ROLE_USER", now, now));
		account = withRealProfile(account, identity.userInfo());
		if (identity.phoneNumber() != null) {
			account = account.withPhoneNumber(identity.phoneNumber().phoneNumber());
		}
		try {
			account = this.users.save(account);
		}
		catch (DuplicateKeyException ex) {
			// registered concurrently by another login of the same user
			account = this.users.findByAppIdAndOpenid(identity.appId(), identity.openid()).orElseThrow();
		}
		return WxUser.of(identity, AuthorityUtils.createAuthorityList(Arrays.asList(account.roles().split(" "))));
	}

	private static UserAccount withRealProfile(UserAccount account, @Nullable Map<String, Object> userInfo) {
		if (userInfo == null) {
			return account;
		}
		String nickname = (userInfo.get("nickName") instanceof String name && !name.isBlank()
				&& !PLACEHOLDER_NICKNAME.equals(name)) ? name : null;
		String avatarUrl = (nickname != null && userInfo.get("avatarUrl") instanceof String url && !url.isBlank()) ? url
				: null;
		return account.withProfile(nickname, avatarUrl);
	}

}
