/**
 * Store implementations on Redis (Spring Data Redis), shared by every instance: keys
 * namespaced under a prefix, expiry left to Redis, consuming steps atomic (SET NX, a Lua
 * script for refresh rotation). Every Redis failure becomes a
 * {@link io.github.wxlogin.store.StoreUnavailableException}.
 */
@NullMarked
package io.github.wxlogin.store.redis;

import org.jspecify.annotations.NullMarked;
