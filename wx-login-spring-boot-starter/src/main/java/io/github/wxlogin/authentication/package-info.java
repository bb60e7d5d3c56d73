@NullMarked
package io.github.wxlogin.authentication;

import org.jspecify.annotations.NullMarked;
