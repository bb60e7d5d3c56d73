/**
 * Store implementations on Redis (Spring Data Redis), shared by every instance, on a
 * single Redis, Sentinel or Redis Cluster: keys namespaced under a prefix and grouped by
 * hash tag (see {@link io.github.wxlogin.store.redis.RedisKeys}) so that every script and
 * multi-key command stays in one slot, each written with its expiry, consuming steps
 * atomic (SET NX, a Lua script for refresh rotation). Revocations are announced on a
 * stream that each instance mirrors
 * ({@link io.github.wxlogin.store.redis.RedisRevocationMirror}), so that bearer requests
 * need no round trip. Every Redis failure becomes a
 * {@link io.github.wxlogin.store.StoreUnavailableException}.
 */
@NullMarked
package io.github.wxlogin.store.redis;

import org.jspecify.annotations.NullMarked;
