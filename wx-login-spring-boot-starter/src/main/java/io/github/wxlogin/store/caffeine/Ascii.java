package io.github.wxlogin.store.caffeine;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Short strings packed into one byte array, each as its length and its characters: one
 * array instead of a {@code String} and its array per value. A value that is not short
 * ASCII (no WeChat id is) is kept as its UTF-16 code units, after a marker.
 */
final class Ascii {

	private static final int ABSENT = 0xff;

	private static final int WIDE = 0xfe;

	private Ascii() {
	}

	static byte[] pack(@Nullable String... values) {
		int length = 0;
		for (String value : values) {
			if (value == null) {
				length += 1;
			}
			else {
				length += (isShortAscii(value)) ? 1 + value.length() : 5 + 2 * value.length();
			}
		}
		byte[] packed = new byte[length];
		int at = 0;
		for (String value : values) {
			if (value == null) {
				packed[at++] = (byte) ABSENT;
			}
			else if (isShortAscii(value)) {
				packed[at++] = (byte) value.length();
				for (int i = 0; i < value.length(); i++) {
					packed[at++] = (byte) value.charAt(i);
				}
			}
			else {
				packed[at++] = (byte) WIDE;
				int count = value.length();
				packed[at++] = (byte) (count >>> 24);
				packed[at++] = (byte) (count >>> 16);
				packed[at++] = (byte) (count >>> 8);
				packed[at++] = (byte) count;
				for (int i = 0; i < count; i++) {
					packed[at++] = (byte) (value.charAt(i) >>> 8);
					packed[at++] = (byte) value.charAt(i);
				}
			}
		}
		return packed;
	}

	static @Nullable String[] unpack(byte[] packed, int count) {
		String[] values = new String[count];
		int at = 0;
		for (int i = 0; i < count; i++) {
			int length = packed[at++] & 0xff;
			if (length == ABSENT) {
				continue;
			}
			if (length != WIDE) {
				values[i] = new String(packed, at, length, StandardCharsets.US_ASCII);
				at += length;
				continue;
			}
			length = ((packed[at] & 0xff) << 24) | ((packed[at + 1] & 0xff) << 16) | ((packed[at + 2] & 0xff) << 8)
					| (packed[at + 3] & 0xff);
			at += 4;
			char[] chars = new char[length];
			for (int c = 0; c < length; c++) {
				chars[c] = (char) (((packed[at] & 0xff) << 8) | (packed[at + 1] & 0xff));
				at += 2;
			}
			values[i] = new String(chars);
		}
		return values;
	}

	private static boolean isShortAscii(String value) {
		if (value.length() >= WIDE) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			if (value.charAt(i) >= 0x80) {
				return false;
			}
		}
		return true;
	}

}
