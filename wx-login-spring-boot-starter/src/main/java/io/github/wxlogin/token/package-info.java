@NullMarked
package io.github.wxlogin.token;

import org.jspecify.annotations.NullMarked;
