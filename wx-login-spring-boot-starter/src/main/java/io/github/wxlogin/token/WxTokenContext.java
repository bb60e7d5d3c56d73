package io.github.wxlogin.token;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;

/**
 * What a {@link WxTokenCustomizer} sees.
 *
 * @param principal the authenticated login (its principal is the application's
 * {@code WxUser}, its name the openid)
 * @param appId the mini-program the token is issued for
 * @param claims the claims about to be signed, to add to
 */
public record WxTokenContext(Authentication principal, String appId, JwtClaimsSet.Builder claims) {
}
