package io.github.wxlogin.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.nimbusds.jose.jwk.JWK;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;

import io.github.wxlogin.authentication.WxApps;
import io.github.wxlogin.metrics.WxLoginMetrics;
import io.github.wxlogin.store.RefreshTokenStore;
import io.github.wxlogin.store.RevocationLookup;
import io.github.wxlogin.store.RevokedTokenStore;
import io.github.wxlogin.store.WxLoginSessions;
import io.github.wxlogin.token.AccessTokenRevocation;
import io.github.wxlogin.token.CachingJwtDecoder;
import io.github.wxlogin.token.DefaultWxLoginSessions;
import io.github.wxlogin.token.RefreshTokenRotation;
import io.github.wxlogin.token.SigningKey;
import io.github.wxlogin.token.UnusableKeyException;
import io.github.wxlogin.token.VerificationKeys;
import io.github.wxlogin.token.VerifiedTokenCacheCounting;
import io.github.wxlogin.token.WxJwtDecoders;
import io.github.wxlogin.token.WxJwtEncoders;
import io.github.wxlogin.token.WxJwtGenerator;
import io.github.wxlogin.token.WxTokenCustomizer;
import io.github.wxlogin.token.WxTokenGenerator;
import io.github.wxlogin.wechat.WxApp;

/**
 * The signing key, the access token encoder and decoder, and refresh token rotation.
 */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

	private static final Log logger = LogFactory.getLog(TokenConfiguration.class);

	static Clock clock(ObjectProvider<Clock> clock) {
		return clock.getIfUnique(Clock::systemUTC);
	}

	@Bean
	@ConditionalOnMissingBean
	SigningKey wxSigningKey(WxLoginProperties properties) {
		WxLoginProperties.Jwt jwt = properties.jwt();
		if (jwt.privateKey() != null && jwt.secret() != null) {
			throw new SecretPropertyException("wx.login.jwt.secret",
					"set either wx.login.jwt.private-key or wx.login.jwt.secret, not both");
		}
		if (jwt.secret() != null) {
			try {
				return SigningKey.fromSecret(jwt.secret());
			}
			catch (UnusableKeyException ex) {
				throw new SecretPropertyException("wx.login.jwt.secret", "the HS256 secret " + ex.getMessage());
			}
		}
		if (jwt.privateKey() != null) {
			String description = jwt.privateKey().getDescription();
			if (!jwt.privateKey().isReadable()) {
				throw new InvalidConfigurationPropertyValueException("wx.login.jwt.private-key", description,
						"The private key cannot be read");
			}
			try {
				return SigningKey.fromPem(jwt.privateKey());
			}
			catch (UnusableKeyException ex) {
				throw new InvalidConfigurationPropertyValueException("wx.login.jwt.private-key", description,
						"The private key " + ex.getMessage());
			}
		}
		logger.warn("wx-login: no wx.login.jwt.private-key or wx.login.jwt.secret is set, so an EC P-256 key was "
				+ "generated: access tokens will not survive a restart and cannot be shared between instances");
		return SigningKey.generate();
	}

	@Bean
	@ConditionalOnMissingBean
	VerificationKeys wxVerificationKeys(SigningKey key, WxLoginProperties properties) {
		WxLoginProperties.Jwt jwt = properties.jwt();
		List<JWK> previous = new ArrayList<>();
		if (!jwt.previousKeys().isEmpty() && key.isSymmetric()) {
			throw new InvalidConfigurationPropertyValueException("wx.login.jwt.previous-keys", jwt.previousKeys(),
					"Tokens are signed with an HS256 secret: earlier secrets go in wx.login.jwt.previous-secrets");
		}
		if (!jwt.previousSecrets().isEmpty() && !key.isSymmetric()) {
			throw new SecretPropertyException("wx.login.jwt.previous-secrets",
					"tokens are signed with a key pair, which never accepts HS256 tokens (algorithm confusion): "
							+ "remove wx.login.jwt.previous-secrets or sign with wx.login.jwt.secret");
		}
		for (int i = 0; i < jwt.previousKeys().size(); i++) {
			Resource resource = jwt.previousKeys().get(i);
			String property = "wx.login.jwt.previous-keys[" + i + "]";
			if (!resource.isReadable()) {
				throw new InvalidConfigurationPropertyValueException(property, resource.getDescription(),
						"The key cannot be read");
			}
			try {
				previous.add(SigningKey.publicJwkFromPem(resource));
			}
			catch (UnusableKeyException ex) {
				throw new InvalidConfigurationPropertyValueException(property, resource.getDescription(),
						"The key " + ex.getMessage());
			}
		}
		for (int i = 0; i < jwt.previousSecrets().size(); i++) {
			try {
				previous.add(SigningKey.fromSecret(jwt.previousSecrets().get(i)).verificationJwk());
			}
			catch (UnusableKeyException ex) {
				throw new SecretPropertyException("wx.login.jwt.previous-secrets[" + i + "]",
						"the HS256 secret " + ex.getMessage());
			}
		}
		try {
			return VerificationKeys.of(key, previous);
		}
		catch (UnusableKeyException ex) {
			// the message names the entry: "[1] is the signing key or another earlier key
			// again"
			if (key.isSymmetric()) {
				throw new SecretPropertyException("wx.login.jwt.previous-secrets", ex.getMessage());
			}
			throw new InvalidConfigurationPropertyValueException("wx.login.jwt.previous-keys",
					jwt.previousKeys().stream().map(Resource::getDescription).toList(), ex.getMessage());
		}
	}

	@Bean
	@ConditionalOnMissingBean
	JwtEncoder wxJwtEncoder(SigningKey key) {
		return WxJwtEncoders.create(key);
	}

	@Bean
	@ConditionalOnMissingBean
	JwtDecoder wxJwtDecoder(VerificationKeys keys, WxLoginProperties properties, WxApps apps,
			ObjectProvider<Clock> clock, ObjectProvider<WxLoginMetrics> metrics,
			ObjectProvider<OAuth2TokenValidator<Jwt>> validators) {
		// the application's validators run after ours (signature, alg, iss, aud, exp)
		JwtDecoder decoder = WxJwtDecoders.create(keys, properties.jwt().issuer(), audiences(properties, apps),
				clock(clock), validators.orderedStream().toList());
		long cacheSize = properties.jwt().verifiedCacheSize();
		if (cacheSize < 0) {
			throw new InvalidConfigurationPropertyValueException("wx.login.jwt.verified-cache-size", cacheSize,
					"Must be 0 (no cache) or more");
		}
		if (cacheSize == 0) {
			return decoder;
		}
		// hits and misses counted around the cache, whatever its insides
		return VerifiedTokenCacheCounting.counted(decoder,
				(verifier) -> new CachingJwtDecoder(verifier, cacheSize, clock(clock)),
				metrics.getIfAvailable(() -> WxLoginMetrics.NONE));
	}

	@Bean
	@ConditionalOnMissingBean
	AccessTokenRevocation accessTokenRevocation(RevokedTokenStore revokedTokens, RefreshTokenRotation logins,
			ObjectProvider<RevocationLookup> lookup) {
		RevocationLookup oneCall = lookup.getIfUnique();
		return (oneCall != null) ? new AccessTokenRevocation(revokedTokens, logins, oneCall)
				: new AccessTokenRevocation(revokedTokens, logins);
	}

	@Bean
	@ConditionalOnMissingBean
	WxTokenGenerator wxTokenGenerator(JwtEncoder encoder, SigningKey key, WxLoginProperties properties,
			ObjectProvider<WxTokenCustomizer> customizers, ObjectProvider<Clock> clock) {
		WxLoginProperties.Jwt jwt = properties.jwt();
		String audience = jwt.audience();
		Function<String, String> audienceOfApp = (audience != null) ? (appId) -> audience : Function.identity();
		return new WxJwtGenerator(encoder, key, jwt.issuer(), audienceOfApp,
				positive(jwt.accessTokenTtl(), "wx.login.jwt.access-token-ttl"), customizers.orderedStream().toList(),
				clock(clock));
	}

	@Bean
	@ConditionalOnMissingBean
	RefreshTokenRotation refreshTokenRotation(RefreshTokenStore store, WxLoginProperties properties,
			ObjectProvider<Clock> clock) {
		return new RefreshTokenRotation(store,
				positive(properties.jwt().refreshTokenTtl(), "wx.login.jwt.refresh-token-ttl"), clock(clock));
	}

	@Bean
	@ConditionalOnMissingBean
	WxLoginSessions wxLoginSessions(RefreshTokenStore store, RefreshTokenRotation rotation) {
		return new DefaultWxLoginSessions(store, rotation);
	}

	static Set<String> audiences(WxLoginProperties properties, WxApps apps) {
		String audience = properties.jwt().audience();
		return (audience != null) ? Set.of(audience)
				: apps.all().stream().map(WxApp::appId).collect(Collectors.toUnmodifiableSet());
	}

	static java.time.Duration positive(java.time.Duration value, String property) {
		if (value.isNegative() || value.isZero()) {
			throw new InvalidConfigurationPropertyValueException(property, value, "Must be a positive duration");
		}
		return value;
	}

}
