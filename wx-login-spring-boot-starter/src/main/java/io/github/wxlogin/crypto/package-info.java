@NullMarked
package io.github.wxlogin.crypto;

import org.jspecify.annotations.NullMarked;
