package io.github.wxlogin.sample.user;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A user of the sample, keyed by (app id, openid).
 *
 * @param id database id
 * @param appId the mini-program
 * @param openid the user's openid in it
 * @param unionid the user's unionid, when known
 * @param nickname the nickname, when the user shared a real one
 * @param avatarUrl the avatar, when the user shared a real one
 * @param phoneNumber the verified phone number, when shared
 * @param roles space-separated authorities
 * @param createdAt first login
 * @param lastLoginAt latest login
 */
@Table
public record UserAccount(@Id @Nullable Long id, String appId, String openid, @Nullable String unionid,
		@Nullable String nickname, @Nullable String avatarUrl, @Nullable String phoneNumber, String roles,
		Instant createdAt, Instant lastLoginAt) {

	UserAccount withLogin(@Nullable String unionid, Instant at) {
		return new UserAccount(this.id, this.appId, this.openid, (unionid != null) ? unionid : this.unionid,
				this.nickname, this.avatarUrl, this.phoneNumber, this.roles, this.createdAt, at);
	}

	UserAccount withPhoneNumber(@Nullable String phoneNumber) {
		return new UserAccount(this.id, this.appId, this.openid, this.unionid, this.nickname, this.avatarUrl,
				(phoneNumber != null) ? phoneNumber : this.phoneNumber, this.roles, this.createdAt, this.lastLoginAt);
	}

	UserAccount withProfile(@Nullable String nickname, @Nullable String avatarUrl) {
		return new UserAccount(this.id, this.appId, this.openid, this.unionid,
				(nickname != null) ? nickname : this.nickname, (avatarUrl != null) ? avatarUrl : this.avatarUrl,
				this.phoneNumber, this.roles, this.createdAt, this.lastLoginAt);
	}

}
