@NullMarked
package io.github.wxlogin.autoconfigure;

import org.jspecify.annotations.NullMarked;
