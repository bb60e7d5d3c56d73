/**
 * WeChat login as Spring Security authentication: the providers that turn a code or a
 * refresh token into the application's {@link io.github.wxlogin.authentication.WxUser}
 * and issued tokens, the bearer principal
 * ({@link io.github.wxlogin.authentication.WxPrincipal}), the open-data service (phone,
 * profile), limits and the contract's errors
 * ({@link io.github.wxlogin.authentication.WxLoginException}). No servlet types.
 */
@NullMarked
package io.github.wxlogin.authentication;

import org.jspecify.annotations.NullMarked;
