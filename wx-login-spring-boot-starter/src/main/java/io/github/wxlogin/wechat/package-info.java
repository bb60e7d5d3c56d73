/**
 * The WeChat server API client: code2Session, getuserphonenumber, the stable access token
 * and WeChat's error codes.
 */
@NullMarked
package io.github.wxlogin.wechat;

import org.jspecify.annotations.NullMarked;
