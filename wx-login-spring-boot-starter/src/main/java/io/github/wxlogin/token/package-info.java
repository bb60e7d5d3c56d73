/**
 * Access and refresh tokens: issuing ({@link io.github.wxlogin.token.WxTokenGenerator}),
 * signing keys and their rotation, verification with the verified-token cache, refresh
 * rotation and revocation.
 */
@NullMarked
package io.github.wxlogin.token;

import org.jspecify.annotations.NullMarked;
