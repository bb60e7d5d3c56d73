/**
 * WeChat's data cryptography: the {@code rawData} signature and the AES-CBC decryption of
 * {@code encryptedData} with its watermark check. No Spring types.
 */
@NullMarked
package io.github.wxlogin.crypto;

import org.jspecify.annotations.NullMarked;
