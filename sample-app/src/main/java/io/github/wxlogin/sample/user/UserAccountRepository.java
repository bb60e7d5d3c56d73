package io.github.wxlogin.sample.user;

import java.util.Optional;

import org.springframework.data.repository.CrudRepository;

/**
 * Users by (app id, openid).
 */
public interface UserAccountRepository extends CrudRepository<UserAccount, Long> {

	Optional<UserAccount> findByAppIdAndOpenid(String appId, String openid);

}
