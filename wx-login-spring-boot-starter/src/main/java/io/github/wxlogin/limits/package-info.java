/**
 * Abuse limits: fixed-window counters ({@link io.github.wxlogin.limits.RateLimiter}) with
 * implementations named by backing in {@code store.caffeine} and {@code store.redis}. No
 * Spring types.
 */
@NullMarked
package io.github.wxlogin.limits;

import org.jspecify.annotations.NullMarked;
