@NullMarked
package io.github.wxlogin.web;

import org.jspecify.annotations.NullMarked;
