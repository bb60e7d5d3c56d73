/**
 * The application's users, persisted by (app id, openid) with Spring Data JDBC: the
 * sample's {@code WxUserService}.
 */
package io.github.wxlogin.sample.user;
