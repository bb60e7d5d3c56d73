package io.github.wxlogin.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * Mints access tokens: sets the standard claims ({@code sub} = openid, {@code iss},
 * {@code aud}, {@code iat}, {@code exp}, {@code jti}, {@code appid}, {@code unionid} when
 * known, {@code scope}, and {@code sid}, the login's refresh family), runs the
 * {@link WxTokenCustomizer}s, and leaves signing to the {@link JwtEncoder}.
 * <p>
 * Thread-safe.
 */
public final class WxAccessTokenGenerator {

	/** Claim holding the mini-program's app id: {@link WxClaimNames#APP_ID}. */
	public static final String APP_ID_CLAIM = WxClaimNames.APP_ID;

	/** Claim holding the user's unionid, when known: {@link WxClaimNames#UNION_ID}. */
	public static final String UNION_ID_CLAIM = WxClaimNames.UNION_ID;

	/**
	 * Claim holding the login (refresh family) the token belongs to:
	 * {@link WxClaimNames#LOGIN_ID}.
	 */
	public static final String SESSION_ID_CLAIM = WxClaimNames.LOGIN_ID;

	/** Claim holding the authorities: {@link WxClaimNames#SCOPE}. */
	public static final String SCOPE_CLAIM = WxClaimNames.SCOPE;

	private final JwtEncoder encoder;

	private final SigningKey key;

	private final String issuer;

	private final Function<String, String> audienceOfApp;

	private final Duration timeToLive;

	private final List<WxTokenCustomizer> customizers;

	private final Clock clock;

	/**
	 * @param encoder signs the claims
	 * @param key the signing key, for the header's {@code alg} and {@code kid}
	 * @param issuer the {@code iss} claim
	 * @param audienceOfApp the {@code aud} claim of each app id
	 * @param timeToLive the access token lifetime
	 * @param customizers run in this order after the standard claims
	 * @param clock the clock for {@code iat} and {@code exp}
	 */
	public WxAccessTokenGenerator(JwtEncoder encoder, SigningKey key, String issuer,
			Function<String, String> audienceOfApp, Duration timeToLive, List<WxTokenCustomizer> customizers,
			Clock clock) {
		this.encoder = Objects.requireNonNull(encoder, "encoder");
		this.key = Objects.requireNonNull(key, "key");
		this.issuer = Objects.requireNonNull(issuer, "issuer");
		this.audienceOfApp = Objects.requireNonNull(audienceOfApp, "audienceOfApp");
		this.timeToLive = Objects.requireNonNull(timeToLive, "timeToLive");
		this.customizers = List.copyOf(customizers);
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * @param principal the authenticated user; its name is the openid
	 * @param appId the mini-program
	 * @param unionid the user's unionid, when known
	 * @param familyId the login's refresh family
	 * @return the signed access token
	 */
	public Jwt generate(Authentication principal, String appId, @Nullable String unionid, String familyId) {
		Instant issuedAt = this.clock.instant();
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer(this.issuer)
			.subject(principal.getName())
			.audience(List.of(this.audienceOfApp.apply(appId)))
			.issuedAt(issuedAt)
			.expiresAt(issuedAt.plus(this.timeToLive))
			.id(RandomIds.next())
			.claim(APP_ID_CLAIM, appId)
			.claim(SESSION_ID_CLAIM, familyId)
			.claim(SCOPE_CLAIM, scope(principal));
		if (unionid != null) {
			claims.claim(UNION_ID_CLAIM, unionid);
		}
		WxTokenContext context = new WxTokenContext(principal, appId, claims);
		for (WxTokenCustomizer customizer : this.customizers) {
			customizer.customize(context);
		}
		JwsHeader header = JwsHeader.with(this.key.algorithm()).keyId(this.key.keyId()).build();
		return this.encoder.encode(JwtEncoderParameters.from(header, claims.build()));
	}

	private static String scope(Authentication principal) {
		return principal.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter(Objects::nonNull)
			.map((authority) -> authority.startsWith("SCOPE_") ? authority.substring(6) : authority)
			.distinct()
			.collect(Collectors.joining(" "));
	}

}
