package io.github.wxlogin.token;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;

/**
 * What {@link CachingJwtDecoder} keeps of a verified token, in little memory: the claims
 * that differ from one token to the next ({@code sub}, {@code jti}, {@code sid},
 * {@code unionid}) as ASCII bytes in one array, {@code iat} and {@code exp} as
 * milliseconds, and what many tokens have in common (the header, {@code iss},
 * {@code aud}, {@code appid}, {@code scope}) in one {@link Shared} object for all of
 * them. Any other claim (from a {@link WxTokenCustomizer}), or one of another type than
 * ours, is kept as it is. The token string itself is not kept: it is the request's.
 * <p>
 * {@link #toJwt(String)} gives back a {@link Jwt} equal to the verified one. Immutable.
 */
final class VerifiedToken {

	/** The claims kept as bytes, in this order. */
	private static final List<String> PACKED = List.of(JwtClaimNames.SUB, JwtClaimNames.JTI, WxClaimNames.LOGIN_ID,
			WxClaimNames.UNION_ID);

	/** The claims most tokens share. */
	private static final List<String> SHARED = List.of(JwtClaimNames.ISS, JwtClaimNames.AUD, WxClaimNames.APP_ID,
			WxClaimNames.SCOPE);

	private static final int ABSENT = 0xff;

	private static final long NO_TIME = Long.MIN_VALUE;

	private final Shared shared;

	private final long issuedAt;

	private final long expiresAt;

	/** Per packed claim: its length (or {@link #ABSENT}) and its ASCII bytes. */
	private final byte[] packed;

	private final @Nullable Map<String, Object> others;

	private VerifiedToken(Shared shared, long issuedAt, long expiresAt, byte[] packed,
			@Nullable Map<String, Object> others) {
		this.shared = shared;
		this.issuedAt = issuedAt;
		this.expiresAt = expiresAt;
		this.packed = packed;
		this.others = others;
	}

	/**
	 * @param jwt a verified token
	 * @param sharedParts where the parts many tokens have in common are kept once
	 * @return what to remember of it, or null when it has no {@code exp} to the
	 * millisecond
	 */
	static @Nullable VerifiedToken of(Jwt jwt, SharedParts sharedParts) {
		Map<String, Object> claims = new LinkedHashMap<>(jwt.getClaims());
		Map<String, Object> sharedClaims = new LinkedHashMap<>();
		for (String name : SHARED) {
			Object value = claims.get(name);
			Object immutable = immutable(value);
			if (immutable != null) {
				sharedClaims.put(name, immutable);
				claims.remove(name);
			}
		}
		long issuedAt = millis(claims, JwtClaimNames.IAT);
		long expiresAt = millis(claims, JwtClaimNames.EXP);
		if (expiresAt == NO_TIME) {
			return null;
		}
		byte[][] values = new byte[PACKED.size()][];
		int length = PACKED.size();
		for (int i = 0; i < PACKED.size(); i++) {
			if (claims.get(PACKED.get(i)) instanceof String value && isShortAscii(value)) {
				values[i] = value.getBytes(StandardCharsets.US_ASCII);
				length += values[i].length;
				claims.remove(PACKED.get(i));
			}
		}
		byte[] packed = new byte[length];
		int at = 0;
		for (byte[] value : values) {
			if (value == null) {
				packed[at++] = (byte) ABSENT;
			}
			else {
				packed[at++] = (byte) value.length;
				System.arraycopy(value, 0, packed, at, value.length);
				at += value.length;
			}
		}
		Shared shared = sharedParts.intern(new Shared(unmodifiable(jwt.getHeaders()), unmodifiable(sharedClaims)));
		return new VerifiedToken(shared, issuedAt, expiresAt, packed, claims.isEmpty() ? null : unmodifiable(claims));
	}

	/**
	 * @return the token's {@code exp}
	 */
	Instant expiresAt() {
		return Instant.ofEpochMilli(this.expiresAt);
	}

	/**
	 * @param token the token string this was verified from
	 * @return the verified token
	 */
	Jwt toJwt(String token) {
		Map<String, Object> claims = new LinkedHashMap<>(16);
		claims.putAll(this.shared.claims());
		int at = 0;
		for (String name : PACKED) {
			int length = this.packed[at++] & 0xff;
			if (length != ABSENT) {
				claims.put(name, new String(this.packed, at, length, StandardCharsets.US_ASCII));
				at += length;
			}
		}
		Instant issuedAt = (this.issuedAt != NO_TIME) ? Instant.ofEpochMilli(this.issuedAt) : null;
		if (issuedAt != null) {
			claims.put(JwtClaimNames.IAT, issuedAt);
		}
		Instant expiresAt = Instant.ofEpochMilli(this.expiresAt);
		claims.put(JwtClaimNames.EXP, expiresAt);
		if (this.others != null) {
			claims.putAll(this.others);
		}
		return new Jwt(token, issuedAt, expiresAt, this.shared.headers(), claims);
	}

	private static Map<String, Object> unmodifiable(Map<String, Object> map) {
		return Collections.unmodifiableMap(new LinkedHashMap<>(map));
	}

	/**
	 * Epoch milliseconds, taken out of the claims; else left there and {@link #NO_TIME}.
	 */
	private static long millis(Map<String, Object> claims, String name) {
		if (claims.get(name) instanceof Instant instant && instant.getNano() % 1_000_000 == 0) {
			claims.remove(name);
			return instant.toEpochMilli();
		}
		return NO_TIME;
	}

	private static boolean isShortAscii(String value) {
		if (value.length() >= ABSENT) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			if (value.charAt(i) >= 0x80) {
				return false;
			}
		}
		return true;
	}

	/**
	 * A value that may be handed to every token sharing it, or null when it cannot be.
	 */
	private static @Nullable Object immutable(@Nullable Object value) {
		if (value instanceof String) {
			return value;
		}
		if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
			return List.copyOf(list);
		}
		return null;
	}

	/**
	 * The header and the claims that many tokens have in common.
	 */
	record Shared(Map<String, Object> headers, Map<String, Object> claims) {
	}

	/**
	 * Keeps each {@link Shared} once. Their number is that of the apps times the distinct
	 * scopes (and keys); past {@value #MAXIMUM} each token keeps its own.
	 */
	static final class SharedParts {

		private static final int MAXIMUM = 1024;

		private final Map<Shared, Shared> parts = new ConcurrentHashMap<>();

		Shared intern(Shared shared) {
			Shared known = this.parts.get(shared);
			if (known != null) {
				return known;
			}
			if (this.parts.size() >= MAXIMUM) {
				return shared;
			}
			known = this.parts.putIfAbsent(shared, shared);
			return (known != null) ? known : shared;
		}

	}

}
