package io.github.wxlogin.token;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Issues the access token of a login or a refresh, as Spring Authorization Server's
 * {@code OAuth2TokenGenerator} does for its grants. The starter's is
 * {@link WxJwtGenerator}; an application may declare its own bean, typically delegating
 * to it.
 * <p>
 * Called on the request thread for every login and refresh; must be thread-safe.
 */
@FunctionalInterface
public interface WxTokenGenerator {

	/**
	 * @param context what the token is issued from, with its header and claims to fill
	 * @return the signed access token
	 */
	Jwt generate(WxTokenContext context);

}
