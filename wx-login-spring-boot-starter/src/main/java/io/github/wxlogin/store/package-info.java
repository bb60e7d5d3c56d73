@NullMarked
package io.github.wxlogin.store;

import org.jspecify.annotations.NullMarked;
