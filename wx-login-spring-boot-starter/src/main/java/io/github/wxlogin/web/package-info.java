/**
 * The HTTP side of the starter's endpoints: request bodies to authentication requests,
 * results to the contract's bodies, every failure to problem+json, the bearer endpoints'
 * filters (package-private, built through {@link io.github.wxlogin.web.WxLoginFilters}),
 * the fast bearer resolver and firewall.
 */
@NullMarked
package io.github.wxlogin.web;

import org.jspecify.annotations.NullMarked;
