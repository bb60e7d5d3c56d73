/**
 * The Spring Security DSL: {@link io.github.wxlogin.config.WxLoginConfigurer} adds WeChat
 * login to an {@code HttpSecurity} chain.
 */
@NullMarked
package io.github.wxlogin.config;

import org.jspecify.annotations.NullMarked;
