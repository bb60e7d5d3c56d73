/**
 * The sample application: a Spring Boot app with WeChat login, its API ({@code /api/me},
 * {@code /api/ping}) and its security chain.
 */
package io.github.wxlogin.sample;
