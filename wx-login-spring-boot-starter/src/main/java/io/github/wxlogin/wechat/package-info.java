@NullMarked
package io.github.wxlogin.wechat;

import org.jspecify.annotations.NullMarked;
