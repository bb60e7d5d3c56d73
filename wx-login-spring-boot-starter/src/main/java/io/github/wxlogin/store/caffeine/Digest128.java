package io.github.wxlogin.store.caffeine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A store key in 32 bytes of heap: the first 128 bits of the SHA-256 digest of a value (a
 * code, a refresh token's digest, an app id and openid). Finding a value with the same
 * key as another takes about 2<sup>128</sup> tries; the values themselves are never kept.
 */
record Digest128(long high, long low) {

	private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	});

	static Digest128 of(String value) {
		ByteBuffer digest = ByteBuffer.wrap(SHA_256.get().digest(value.getBytes(StandardCharsets.UTF_8)));
		return new Digest128(digest.getLong(), digest.getLong());
	}

	@Override
	public String toString() {
		return "Digest128";
	}

}
