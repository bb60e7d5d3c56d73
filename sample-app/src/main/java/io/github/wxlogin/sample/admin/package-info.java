/**
 * The operator's API ({@code POST /admin/users/{openid}/logout}), in its own HTTP Basic
 * chain, present only with {@code sample.admin-password}.
 */
package io.github.wxlogin.sample.admin;
