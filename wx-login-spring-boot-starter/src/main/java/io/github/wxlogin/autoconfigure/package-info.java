/**
 * Spring Boot auto-configuration: the {@code wx.login.*} properties and the beans of
 * every other package, each backing off for the application's own; the only package that
 * knows Spring Boot.
 */
@NullMarked
package io.github.wxlogin.autoconfigure;

import org.jspecify.annotations.NullMarked;
