package io.github.wxlogin.authentication;

/**
 * Finds or registers the application's user for a verified WeChat identity, and grants
 * its authorities. Called on every login (with user info or phone number when the client
 * sent them) and on every refresh (identity only), so a changed or disabled user takes
 * effect.
 * <p>
 * Implementations are thread-safe. To refuse a user, throw an
 * {@link org.springframework.security.core.AuthenticationException} such as
 * {@link org.springframework.security.authentication.DisabledException}: the login
 * answers {@code 403 access_denied}, a refresh {@code 401 invalid_token}.
 */
@FunctionalInterface
public interface WxUserService {

	/**
	 * @param identity the verified identity
	 * @return the user; its name must be the identity's openid
	 */
	WxUser loadUser(WxIdentity identity);

}
