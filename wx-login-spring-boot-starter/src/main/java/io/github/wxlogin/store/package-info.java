/**
 * Where login state lives, as interfaces: session keys, used codes, refresh tokens and
 * their logins, revocations, the shared WeChat access token; implementations are in
 * {@code store.caffeine} and {@code store.redis}.
 */
@NullMarked
package io.github.wxlogin.store;

import org.jspecify.annotations.NullMarked;
