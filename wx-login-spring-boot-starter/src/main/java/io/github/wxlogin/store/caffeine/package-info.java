/**
 * Store implementations on Caffeine caches, for a single instance: bounded, and every
 * entry expires at its own deadline.
 */
@NullMarked
package io.github.wxlogin.store.caffeine;

import org.jspecify.annotations.NullMarked;
