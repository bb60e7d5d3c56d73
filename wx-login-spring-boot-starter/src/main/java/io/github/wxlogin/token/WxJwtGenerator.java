package io.github.wxlogin.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * The starter's {@link WxTokenGenerator}: sets the header's {@code alg} and {@code kid}
 * from the signing key and the standard claims ({@code sub} = openid, {@code iss},
 * {@code aud}, {@code iat}, {@code exp}, {@code jti}, {@code appid}, {@code unionid} when
 * known, {@code scope} from the principal's authorities, and {@code sid}, the login),
 * runs the {@link WxTokenCustomizer}s, and leaves signing to the {@link JwtEncoder}.
 * <p>
 * Thread-safe.
 */
public final class WxJwtGenerator implements WxTokenGenerator {

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
	public WxJwtGenerator(JwtEncoder encoder, SigningKey key, String issuer, Function<String, String> audienceOfApp,
			Duration timeToLive, List<WxTokenCustomizer> customizers, Clock clock) {
		this.encoder = Objects.requireNonNull(encoder, "encoder");
		this.key = Objects.requireNonNull(key, "key");
		this.issuer = Objects.requireNonNull(issuer, "issuer");
		this.audienceOfApp = Objects.requireNonNull(audienceOfApp, "audienceOfApp");
		this.timeToLive = Objects.requireNonNull(timeToLive, "timeToLive");
		this.customizers = List.copyOf(customizers);
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	public Jwt generate(WxTokenContext context) {
		Instant issuedAt = this.clock.instant();
		context.header().algorithm(this.key.algorithm()).keyId(this.key.keyId());
		JwtClaimsSet.Builder claims = context.claims()
			.issuer(this.issuer)
			.subject(context.openid())
			.audience(List.of(this.audienceOfApp.apply(context.appId())))
			.issuedAt(issuedAt)
			.expiresAt(issuedAt.plus(this.timeToLive))
			.id(RandomIds.next())
			.claim(WxClaimNames.APP_ID, context.appId())
			.claim(WxClaimNames.LOGIN_ID, context.loginId())
			.claim(WxClaimNames.SCOPE, scope(context.principal()));
		if (context.unionid() != null) {
			claims.claim(WxClaimNames.UNION_ID, context.unionid());
		}
		for (WxTokenCustomizer customizer : this.customizers) {
			customizer.customize(context);
		}
		return this.encoder.encode(JwtEncoderParameters.from(context.header().build(), claims.build()));
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
