/**
 * Demo mode: the embedded WeChat simulator and the page at {@code /}, started only when
 * no WeChat credentials are given.
 */
package io.github.wxlogin.sample.demo;
