@NullMarked
package io.github.wxlogin.config;

import org.jspecify.annotations.NullMarked;
