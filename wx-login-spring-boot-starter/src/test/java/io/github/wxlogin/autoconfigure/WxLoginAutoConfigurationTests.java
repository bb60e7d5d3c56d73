package io.github.wxlogin.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.test.util.ReflectionTestUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.wxlogin.authentication.DefaultWxUserService;
import io.github.wxlogin.authentication.RefreshTokenAuthenticationProvider;
import io.github.wxlogin.authentication.WxApiFailures;
import io.github.wxlogin.authentication.WxApps;
import io.github.wxlogin.authentication.WxLoginAuthenticationProvider;
import io.github.wxlogin.authentication.WxOpenDataService;
import io.github.wxlogin.authentication.WxUser;
import io.github.wxlogin.authentication.WxUserService;
import io.github.wxlogin.config.WxLoginConfigurer;
import io.github.wxlogin.crypto.EncryptedDataDecryptor;
import io.github.wxlogin.store.RefreshTokenStore;
import io.github.wxlogin.store.RevokedTokenStore;
import io.github.wxlogin.store.UsedCodeStore;
import io.github.wxlogin.store.WxSessionStore;
import io.github.wxlogin.token.RefreshTokenRotation;
import io.github.wxlogin.token.SigningKey;
import io.github.wxlogin.token.VerificationKeys;
import io.github.wxlogin.token.WxTokenContext;
import io.github.wxlogin.token.WxTokenGenerator;
import io.github.wxlogin.web.FastBearerTokenResolver;
import io.github.wxlogin.web.FastStrictHttpFirewall;
import io.github.wxlogin.wechat.WxAccessTokens;
import io.github.wxlogin.wechat.WxApiClient;
import io.github.wxlogin.wechat.WxApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(OutputCaptureExtension.class)
class WxLoginAutoConfigurationTests {

	private static final String APP_SECRET = "app-secret-0f1e2d3c4b5a69788796a5b4";

	private static final String[] APP = { "wx.login.app-id=wxapp1", "wx.login.app-secret=" + APP_SECRET };

	private static final String[] BOOT_USER = { "spring.security.user.name=admin",
			"spring.security.user.password=admin-password" };

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
					UserDetailsServiceAutoConfiguration.class, JacksonAutoConfiguration.class,
					WxLoginAutoConfiguration.class, WxLoginWebSecurityAutoConfiguration.class));

	@TempDir
	Path dir;

	@Test
	void contextWhenAppIdAndSecretThenLoginBeansAndGeneratedEs256Key(CapturedOutput output) {
		this.contextRunner.withPropertyValues(APP).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(WxLoginAuthenticationProvider.class)
				.hasSingleBean(JwtDecoder.class)
				.hasSingleBean(JwtEncoder.class)
				.hasSingleBean(SigningKey.class)
				.hasSingleBean(SecurityFilterChain.class)
				.hasBean("wxLoginSecurityFilterChain")
				.hasSingleBean(WxUserService.class)
				.hasSingleBean(WxApps.class)
				.hasSingleBean(WxApiClient.class)
				.hasSingleBean(WxSessionStore.class)
				.hasSingleBean(UsedCodeStore.class)
				.hasSingleBean(RefreshTokenStore.class)
				.hasSingleBean(RevokedTokenStore.class)
				.hasSingleBean(RefreshTokenRotation.class)
				.hasSingleBean(WxTokenGenerator.class);
			SigningKey key = context.getBean(SigningKey.class);
			assertThat(key.algorithm().getName()).isEqualTo("ES256");
			assertThat(key.keyId()).isEqualTo(key.jwk().computeThumbprint().toString());
			assertThat(context.getBean(WxUserService.class)).isInstanceOf(DefaultWxUserService.class);
			assertThat(context.getBean(WxApps.class).all()).extracting(WxApp::appId).containsExactly("wxapp1");
		});
		assertThat(output).contains("generated").doesNotContain(APP_SECRET);
	}

	@Test
	void contextWhenLoginConfiguredThenBootsUserDetailsServiceBacksOff(CapturedOutput output) {
		this.contextRunner.withPropertyValues(APP)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(UserDetailsService.class));
		// even when Boot's user is asked for, our login beans make it back off
		this.contextRunner.withPropertyValues(APP)
			.withPropertyValues(BOOT_USER)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(UserDetailsService.class));
		assertThat(output).doesNotContain("Using generated security password");
	}

	@Test
	void contextWhenDefaultThenIssuedTokenDecodesWithAppIdAsAudience() {
		this.contextRunner.withPropertyValues(APP).run((context) -> {
			Jwt jwt = decode(context, "wxapp1");
			assertThat(jwt.getAudience()).containsExactly("wxapp1");
			assertThat(jwt.getClaimAsString("iss")).isEqualTo("wx-login");
			assertThat(jwt.getExpiresAt()).isEqualTo(jwt.getIssuedAt().plusSeconds(7200));
		});
	}

	@Test
	void contextWhenIssuerAudienceAndTtlSetThenTokensFollowThem() {
		this.contextRunner.withPropertyValues(APP)
			.withPropertyValues("wx.login.jwt.issuer=https://api.example.com", "wx.login.jwt.audience=example-api",
					"wx.login.jwt.access-token-ttl=15m")
			.run((context) -> {
				Jwt jwt = decode(context, "wxapp1");
				assertThat(jwt.getClaimAsString("iss")).isEqualTo("https://api.example.com");
				assertThat(jwt.getAudience()).containsExactly("example-api");
				assertThat(jwt.getExpiresAt()).isEqualTo(jwt.getIssuedAt().plusSeconds(900));
			});
	}

	@Test
	void contextWhenDisabledThenNoneOfOurBeans() {
		this.contextRunner.withPropertyValues(APP)
			.withPropertyValues(BOOT_USER)
			.withPropertyValues("wx.login.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(WxLoginAuthenticationProvider.class)
				.doesNotHaveBean(JwtDecoder.class)
				.doesNotHaveBean(JwtEncoder.class)
				.doesNotHaveBean(SigningKey.class)
				.doesNotHaveBean(WxApps.class)
				.doesNotHaveBean(WxSessionStore.class)
				.doesNotHaveBean(WxUserService.class)
				.doesNotHaveBean("wxLoginSecurityFilterChain")
				// Boot's defaults are back
				.hasSingleBean(UserDetailsService.class)
				.hasSingleBean(SecurityFilterChain.class));
	}

	@Test
	void contextWhenResourceServerClassesMissingThenNoneOfOurBeans() {
		this.contextRunner.withPropertyValues(APP)
			.withClassLoader(new FilteredClassLoader(JwtDecoder.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(WxLoginAuthenticationProvider.class)
				.doesNotHaveBean(SigningKey.class)
				.doesNotHaveBean("wxLoginSecurityFilterChain"));
	}

	// --- start-up failures name the property, never a secret

	@Test
	void contextWhenNoAppThenFailureNamingAppId() {
		this.contextRunner.run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.satisfies((failure) -> assertThat(messages(failure)).contains("wx.login.app-id")));
	}

	@Test
	void contextWhenAppIdWithoutSecretThenFailureNamingAppSecret() {
		this.contextRunner.withPropertyValues("wx.login.app-id=wxapp1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(messages(failure)).contains("wx.login.app-secret")));
		this.contextRunner.withPropertyValues("wx.login.app-id=wxapp1", "wx.login.app-secret=   ")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(messages(failure)).contains("wx.login.app-secret")));
	}

	@Test
	void contextWhenSecretWithoutAppIdThenFailureNamingAppIdWithoutTheSecret(CapturedOutput output) {
		this.contextRunner.withPropertyValues("wx.login.app-secret=" + APP_SECRET)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(messages(failure)).contains("wx.login.app-id")
					.doesNotContain(APP_SECRET)));
		assertThat(output).doesNotContain(APP_SECRET);
	}

	@Test
	void contextWhenNamedAppWithoutSecretThenFailureNamingItsProperty() {
		this.contextRunner.withPropertyValues("wx.login.apps.shop.app-id=wxshop")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(messages(failure)).contains("wx.login.apps.shop.app-secret")));
	}

	@Test
	void contextWhenJwtSecretTooShortThenFailureNamingItWithoutTheSecret(CapturedOutput output) {
		this.contextRunner.withPropertyValues(APP)
			.withPropertyValues("wx.login.jwt.secret=sh0rt-s3cr")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(messages(failure)).contains("wx.login.jwt.secret")
					.doesNotContain("sh0rt-s3cr")
					.doesNotContain(APP_SECRET)));
		assertThat(output).doesNotContain("sh0rt-s3cr").doesNotContain(APP_SECRET);
	}

	@Test
	void contextWhenPrivateKeyFileMissingThenFailureNamingIt() {
		Path missing = this.dir.resolve("missing.pem");
		this.contextRunner.withPropertyValues(APP)
			.withPropertyValues("wx.login.jwt.private-key=file:" + missing)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(messages(failure)).contains("wx.login.jwt.private-key")));
	}

	@Test
	void contextWhenPrivateKeyFileNotAKeyThenFailureNamingItWithoutTheContent() throws IOException {
		Path garbage = this.dir.resolve("garbage.pem");
		Files.writeString(garbage,
				"-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWNvbnRlbnQtMTIzNDU2Nzg5MA==\n" + "-----END PRIVATE KEY-----\n");
		this.contextRunner.withPropertyValues(APP)
			.withPropertyValues("wx.login.jwt.private-key=file:" + garbage)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(messages(failure)).contains("wx.login.jwt.private-key")
					.doesNotContain("c2VjcmV0LWNvbnRlbnQt")));
	}

	@Test
	void contextWhenBothSecretAndPrivateKeyThenFailureWithoutTheSecret() throws Exception {
		Path pem = writeEcKey();
		String secret = "an-hs256-secret-of-more-than-32-bytes-0123456789";
		this.contextRunner.withPropertyValues(APP)
			.withPropertyValues("wx.login.jwt.secret=" + secret, "wx.login.jwt.private-key=file:" + pem)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(messages(failure)).contains("wx.login.jwt.secret")
					.contains("wx.login.jwt.private-key")
					.doesNotContain(secret)));
	}

	@Test
	void contextWhenAccessTokenTtlZeroThenFailureNamingIt() {
		this.contextRunner.withPropertyValues(APP)
			.withPropertyValues("wx.login.jwt.access-token-ttl=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(messages(failure)).contains("wx.login.jwt.access-token-ttl")));
	}

	@Test
	void contextWhenRefreshTokenTtlNegativeThenFailureNamingIt() {
		this.contextRunner.withPropertyValues(APP)
			.withPropertyValues("wx.login.jwt.refresh-token-ttl=-1s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(messages(failure)).contains("wx.login.jwt.refresh-token-ttl")));
	}

	@Test
	void contextWhenDuplicateAppIdThenFailureWithoutSecrets() {
		this.contextRunner
			.withPropertyValues("wx.login.apps.a.app-id=wxsame", "wx.login.apps.a.app-secret=" + APP_SECRET,
					"wx.login.apps.b.app-id=wxsame", "wx.login.apps.b.app-secret=other-" + APP_SECRET)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(messages(failure)).contains("wx.login.apps")
					.contains("wxsame")
					.doesNotContain(APP_SECRET)));
		this.contextRunner.withPropertyValues(APP)
			.withPropertyValues("wx.login.apps.a.app-id=wxapp1", "wx.login.apps.a.app-secret=other")
			.run((context) -> assertThat(context).hasFailed());
	}

	// --- configured keys and apps

	@Test
	void contextWhenPemEcKeyThenEs256WithItsKid() throws Exception {
		KeyPair pair = ecKeyPair();
		Path pem = writePkcs8(pair);
		this.contextRunner.withPropertyValues(APP)
			.withPropertyValues("wx.login.jwt.private-key=file:" + pem)
			.run((context) -> {
				SigningKey key = context.getBean(SigningKey.class);
				assertThat(key.algorithm().getName()).isEqualTo("ES256");
				assertThat(key.keyId()).isEqualTo(new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic()).build()
					.computeThumbprint()
					.toString());
				assertThat(decode(context, "wxapp1").getHeaders()).containsEntry("kid", key.keyId());
			});
	}

	@Test
	void contextWhenPemEd25519KeyThenEdDsaTokensIssuedAndDecoded() throws Exception {
		Path pem = writePkcs8(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
		this.contextRunner.withPropertyValues(APP)
			.withPropertyValues("wx.login.jwt.private-key=file:" + pem)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(SigningKey.class).algorithm().getName()).isEqualTo("EdDSA");
				assertThat(decode(context, "wxapp1").getHeaders()).containsEntry("alg", "EdDSA");
			});
	}

	// --- key rotation

	@Test
	void contextWhenPreviousKeysThenTheirTokensAcceptedAndAllPublished() throws Exception {
		KeyPair old = ecKeyPair();
		KeyPair older = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		Path current = writePkcs8(ecKeyPair());
		this.contextRunner.withPropertyValues(APP)
			.withPropertyValues("wx.login.jwt.private-key=file:" + writePkcs8(old))
			.run((before) -> {
				String oldToken = issue(before, "wxapp1");
				String oldKid = before.getBean(SigningKey.class).keyId();
				this.contextRunner.withPropertyValues(APP)
					.withPropertyValues("wx.login.jwt.private-key=file:" + current,
							"wx.login.jwt.previous-keys[0]=file:" + writePublicKey(old),
							"wx.login.jwt.previous-keys[1]=file:" + writePkcs8(older))
					.run((after) -> {
						VerificationKeys keys = after.getBean(VerificationKeys.class);
						assertThat(keys.publicJwkSet().getKeys()).hasSize(3)
							.allSatisfy((jwk) -> assertThat(jwk.isPrivate()).isFalse());
						assertThat(keys.publicJwkSet().getKeyByKeyId(oldKid)).isNotNull();
						assertThat(after.getBean(JwtDecoder.class).decode(oldToken).getSubject())
							.isEqualTo("o-openid-1");
						// only the new key signs
						assertThat(decode(after, "wxapp1").getHeaders()).containsEntry("kid",
								after.getBean(SigningKey.class).keyId());
					});
				this.contextRunner.withPropertyValues(APP)
					.withPropertyValues("wx.login.jwt.private-key=file:" + current)
					.run((removed) -> assertThatExceptionOfType(JwtException.class)
						.isThrownBy(() -> removed.getBean(JwtDecoder.class).decode(oldToken)));
			});
	}

	@Test
	void contextWhenPreviousKeyIsTheSigningKeyOrTwiceThenFailureNamingTheProperty() throws Exception {
		KeyPair pair = ecKeyPair();
		Path key = writePkcs8(pair);
		this.contextRunner.withPropertyValues(APP)
			.withPropertyValues("wx.login.jwt.private-key=file:" + key,
					"wx.login.jwt.previous-keys[0]=file:" + writePublicKey(pair))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(messages(failure)).contains("wx.login.jwt.previous-keys")));
		Path other = writePkcs8(ecKeyPair());
		this.contextRunner.withPropertyValues(APP)
			.withPropertyValues("wx.login.jwt.private-key=file:" + key, "wx.login.jwt.previous-keys[0]=file:" + other,
					"wx.login.jwt.previous-keys[1]=file:" + other)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(messages(failure)).contains("wx.login.jwt.previous-keys")));
	}

	@Test
	void contextWhenPreviousKeyUnreadableOrNotAKeyThenFailureNamingTheEntry() throws Exception {
		Path garbage = Files.createTempFile(this.dir, "garbage", ".pem");
		Files.writeString(garbage, "-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----\n");
		this.contextRunner.withPropertyValues(APP)
			.withPropertyValues("wx.login.jwt.previous-keys[0]=file:" + this.dir.resolve("missing.pem"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(messages(failure)).contains("wx.login.jwt.previous-keys[0]")));
		this.contextRunner.withPropertyValues(APP)
			.withPropertyValues("wx.login.jwt.previous-keys[0]=file:" + writePkcs8(ecKeyPair()),
					"wx.login.jwt.previous-keys[1]=file:" + garbage)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.satisfies((failure) -> assertThat(messages(failure)).contains("wx.login.jwt.previous-keys[1]")));
	}

	@Test
	void contextWhenPreviousSecretsThenTheirTokensAcceptedAndNeverShown(CapturedOutput output) {
		String old = "the-old-hs256-secret-of-more-than-32-bytes";
		String current = "the-new-hs256-secret-of-more-than-32-bytes";
		this.contextRunner.withPropertyValues(APP).withPropertyValues("wx.login.jwt.secret=" + old).run((before) -> {
			String oldToken = issue(before, "wxapp1");
			this.contextRunner.withPropertyValues(APP)
				.withPropertyValues("wx.login.jwt.secret=" + current, "wx.login.jwt.previous-secrets[0]=" + old)
				.run((after) -> {
					assertThat(after.getBean(JwtDecoder.class).decode(oldToken).getSubject()).isEqualTo("o-openid-1");
					assertThat(after.getBean(VerificationKeys.class).publicJwkSet().getKeys()).isEmpty();
				});
			this.contextRunner.withPropertyValues(APP)
				.withPropertyValues("wx.login.jwt.secret=" + current)
				.run((removed) -> assertThatExceptionOfType(JwtException.class)
					.isThrownBy(() -> removed.getBean(JwtDecoder.class).decode(oldToken)));
			this.contextRunner.withPropertyValues(APP)
				.withPropertyValues("wx.login.jwt.secret=" + current, "wx.login.jwt.previous-secrets[0]=" + current)
				.run((duplicate) -> assertThat(duplicate).hasFailed()
					.getFailure()
					.satisfies((failure) -> assertThat(messages(failure)).contains("wx.login.jwt.previous-secrets")));
			this.contextRunner.withPropertyValues(APP)
				.withPropertyValues("wx.login.jwt.previous-secrets[0]=" + old)
				.run((withKeyPair) -> assertThat(withKeyPair).hasFailed()
					.getFailure()
					.satisfies((failure) -> assertThat(messages(failure)).contains("wx.login.jwt.previous-secrets")));
		});
		assertThat(output).doesNotContain(old).doesNotContain(current);
	}

	@Test
	void contextWhenJwtSecretThenSymmetricHs256Key(CapturedOutput output) {
		String secret = "an-hs256-secret-of-more-than-32-bytes-0123456789";
		this.contextRunner.withPropertyValues(APP)
			.withPropertyValues("wx.login.jwt.secret=" + secret)
			.run((context) -> {
				SigningKey key = context.getBean(SigningKey.class);
				assertThat(key.isSymmetric()).isTrue();
				assertThat(key.algorithm().getName()).isEqualTo("HS256");
				assertThat(key.publicJwkSet().getKeys()).isEmpty();
				assertThat(decode(context, "wxapp1").getHeaders()).containsEntry("alg", "HS256");
			});
		assertThat(output).doesNotContain(secret).doesNotContain("generated");
	}

	@Test
	void contextWhenSeveralAppsThenAllServedAndTokensOfEachAccepted() {
		this.contextRunner
			.withPropertyValues("wx.login.apps.a.app-id=wxa", "wx.login.apps.a.app-secret=secret-a",
					"wx.login.apps.b.app-id=wxb", "wx.login.apps.b.app-secret=secret-b")
			.run((context) -> {
				assertThat(context.getBean(WxApps.class).all()).extracting(WxApp::appId)
					.containsExactlyInAnyOrder("wxa", "wxb");
				assertThat(context.getBean(WxApps.class).resolve("wxb").appSecret()).isEqualTo("secret-b");
				assertThat(decode(context, "wxa").getAudience()).containsExactly("wxa");
				assertThat(decode(context, "wxb").getAudience()).containsExactly("wxb");
			});
	}

	@Test
	void contextWhenShorthandAndNamedAppsThenBothServed() {
		this.contextRunner.withPropertyValues(APP)
			.withPropertyValues("wx.login.apps.b.app-id=wxb", "wx.login.apps.b.app-secret=secret-b")
			.run((context) -> assertThat(context.getBean(WxApps.class).all()).extracting(WxApp::appId)
				.containsExactlyInAnyOrder("wxapp1", "wxb"));
	}

	// --- the application's own beans win

	@Test
	void contextWhenUserWxUserServiceThenOursBacksOff() {
		this.contextRunner.withPropertyValues(APP)
			.withUserConfiguration(UserServiceConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(WxUserService.class);
				assertThat(context.getBean(WxUserService.class)).isSameAs(context.getBean("appUserService"));
			});
	}

	@Test
	void contextWhenUserSigningKeyThenOursBacksOffAndTokensUseIt() {
		this.contextRunner.withPropertyValues(APP)
			.withUserConfiguration(SigningKeyConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(SigningKey.class);
				SigningKey key = context.getBean(SigningKey.class);
				assertThat(key).isSameAs(context.getBean("appSigningKey"));
				assertThat(decode(context, "wxapp1").getHeaders()).containsEntry("kid", key.keyId());
			});
	}

	@Test
	void contextWhenUserJwtDecoderThenOursBacksOff() {
		this.contextRunner.withPropertyValues(APP)
			.withUserConfiguration(JwtDecoderConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(JwtDecoder.class);
				assertThat(context.getBean(JwtDecoder.class)).isSameAs(context.getBean("appJwtDecoder"));
			});
	}

	@Test
	void contextWhenUserAuthenticationProviderThenOursBacksOff() {
		this.contextRunner.withPropertyValues(APP)
			.withUserConfiguration(AuthenticationProviderConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(WxLoginAuthenticationProvider.class);
				assertThat(context.getBean(WxLoginAuthenticationProvider.class))
					.isSameAs(context.getBean("appAuthenticationProvider"));
				assertThat(context).hasBean("wxLoginSecurityFilterChain");
			});
	}

	@Test
	void contextWhenUserSecurityFilterChainThenOurDefaultChainBacksOff() {
		this.contextRunner.withPropertyValues(APP)
			.withUserConfiguration(SecurityFilterChainConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(SecurityFilterChain.class)
				.hasBean("appSecurityFilterChain")
				.doesNotHaveBean("wxLoginSecurityFilterChain")
				// the login itself is still there for the application's chain
				.hasSingleBean(WxLoginAuthenticationProvider.class));
	}

	@Test
	void contextWhenDefaultThenFastBearerResolverInTheChainAndFastFirewall() {
		this.contextRunner.withPropertyValues(APP).run((context) -> {
			// the resolver is the chain's own, not a bean other chains would pick up
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(BearerTokenResolver.class)
				.hasSingleBean(HttpFirewall.class);
			assertThat(context.getBean(HttpFirewall.class)).isInstanceOf(FastStrictHttpFirewall.class);
			assertThat(chainBearerTokenResolver(context.getBean(SecurityFilterChain.class)))
				.isInstanceOf(FastBearerTokenResolver.class);
		});
	}

	@Test
	void contextWhenApplicationChainThenNoFirewallAndNoResolverBean() {
		this.contextRunner.withPropertyValues(APP)
			.withUserConfiguration(SecurityFilterChainConfiguration.class)
			.run((context) -> {
				// a firewall guards every chain: the application's chains keep Spring's
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(HttpFirewall.class)
					.doesNotHaveBean(BearerTokenResolver.class);
				// the wx-login chain has the fast resolver all the same
				assertThat(chainBearerTokenResolver(context.getBean(SecurityFilterChain.class)))
					.isInstanceOf(FastBearerTokenResolver.class);
			});
	}

	@Test
	void contextWhenUserBearerTokenResolverAndFirewallThenOursBackOff() {
		this.contextRunner.withPropertyValues(APP)
			.withUserConfiguration(BearerRequestBeansConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(BearerTokenResolver.class)
					.hasSingleBean(HttpFirewall.class);
				assertThat(context.getBean(BearerTokenResolver.class))
					.isSameAs(context.getBean("appBearerTokenResolver"));
				assertThat(context.getBean(HttpFirewall.class)).isSameAs(context.getBean("appHttpFirewall"));
				assertThat(chainBearerTokenResolver(context.getBean(SecurityFilterChain.class)))
					.isSameAs(context.getBean("appBearerTokenResolver"));
			});
	}

	@Test
	void contextWhenValidatorBeanThenTheDecoderRunsIt() {
		this.contextRunner.withPropertyValues(APP)
			.withBean("onlyFamilyTwo", OAuth2TokenValidator.class,
					() -> (OAuth2TokenValidator<Jwt>) (jwt) -> "family-2".equals(jwt.getClaimAsString("sid"))
							? OAuth2TokenValidatorResult.success()
							: OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "wrong login", null)))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				// issued for family-1: refused by the application's validator
				assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decode(context, "wxapp1"))
					.withMessageContaining("wrong login");
			});
	}

	@Test
	void contextWhenNoValidatorBeanThenTokenAccepted() {
		this.contextRunner.withPropertyValues(APP)
			.run((context) -> assertThat(decode(context, "wxapp1").getClaimAsString("sid")).isEqualTo("family-1"));
	}

	@Test
	void contextWhenUserTokenGeneratorThenOursBacksOffAndTheProvidersUseIt() {
		this.contextRunner.withPropertyValues(APP)
			.withBean("appTokenGenerator", WxTokenGenerator.class, () -> (context) -> {
				throw new IllegalStateException("the application's generator");
			})
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(WxTokenGenerator.class)
					.hasBean("appTokenGenerator")
					.doesNotHaveBean("wxTokenGenerator");
				assertThat(context.getBean(WxLoginAuthenticationProvider.class)).extracting("accessTokens")
					.isSameAs(context.getBean("appTokenGenerator"));
				assertThat(context.getBean(RefreshTokenAuthenticationProvider.class)).extracting("accessTokens")
					.isSameAs(context.getBean("appTokenGenerator"));
			});
	}

	@Test
	void contextWhenApplicationAccessTokensThenOursBackOffAndOpenDataUsesThem() {
		WxAccessTokens central = new WxAccessTokens() {

			@Override
			public <T> T withAccessToken(WxApp app, java.util.function.Function<String, T> call) {
				return call.apply(get(app));
			}

			@Override
			public String get(WxApp app) {
				return "from-the-central-token-service";
			}

			@Override
			public @org.jspecify.annotations.Nullable Instant cachedUntil(String appId) {
				return null;
			}

		};
		this.contextRunner.withPropertyValues(APP)
			.withBean("centralAccessTokens", WxAccessTokens.class, () -> central)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(WxAccessTokens.class);
				assertThat(context.getBean(WxAccessTokens.class)).isSameAs(central);
				assertThat(context.getBean(WxOpenDataService.class)).extracting("accessTokens").isSameAs(central);
			});
	}

	@Test
	void contextWhenUsedCodeTtlUnderFiveMinutesThenFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues(APP).withPropertyValues("wx.login.used-code-ttl=4m").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("wx.login.used-code-ttl");
		});
	}

	@Test
	void contextWhenUsedCodeTtlSetThenTheProviderRemembersCodesThatLong() {
		this.contextRunner.withPropertyValues(APP)
			.withPropertyValues("wx.login.used-code-ttl=30m")
			.run((context) -> assertThat(context.getBean(WxLoginAuthenticationProvider.class)).extracting("usedCodeTtl")
				.isEqualTo(Duration.ofMinutes(30)));
	}

	/** The resolver inside the chain's {@code BearerTokenAuthenticationFilter}. */
	private static Object chainBearerTokenResolver(SecurityFilterChain chain) {
		Object filter = chain.getFilters()
			.stream()
			.filter(BearerTokenAuthenticationFilter.class::isInstance)
			.findFirst()
			.orElseThrow();
		Object converter = ReflectionTestUtils.getField(filter, "authenticationConverter");
		return ReflectionTestUtils.getField(converter, "bearerTokenResolver");
	}

	// --- configuration metadata

	@Test
	void metadataWhenBuiltThenDescribesOurProperties() throws IOException {
		List<URL> ours = new ArrayList<>();
		for (URL url : Collections
			.list(getClass().getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				if (new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("\"wx.login.app-id\"")) {
					ours.add(url);
				}
			}
		}
		assertThat(ours).hasSize(1);
		JsonNode metadata;
		try (InputStream in = ours.get(0).openStream()) {
			metadata = JsonMapper.shared().readTree(in);
		}
		List<String> names = new ArrayList<>();
		metadata.get("properties").forEach((property) -> names.add(property.get("name").asString()));
		assertThat(names).contains("wx.login.jwt.access-token-ttl", "wx.login.app-id", "wx.login.app-secret",
				"wx.login.apps", "wx.login.store", "wx.login.jwt.private-key", "wx.login.jwt.secret",
				"wx.login.enabled");
		metadata.get("properties").forEach((property) -> {
			if (property.get("name").asString().equals("wx.login.jwt.access-token-ttl")) {
				assertThat(property.get("defaultValue").asString()).isEqualTo("2h");
			}
		});
	}

	private static Jwt decode(AssertableWebApplicationContext context, String appId) {
		Authentication user = UsernamePasswordAuthenticationToken.authenticated("o-openid-1", null,
				AuthorityUtils.createAuthorityList("ROLE_USER"));
		Jwt issued = context.getBean(WxTokenGenerator.class)
			.generate(WxTokenContext.login(user, appId, null, "family-1"));
		return context.getBean(JwtDecoder.class).decode(issued.getTokenValue());
	}

	private static String issue(AssertableWebApplicationContext context, String appId) {
		Authentication user = UsernamePasswordAuthenticationToken.authenticated("o-openid-1", null,
				AuthorityUtils.createAuthorityList("ROLE_USER"));
		return context.getBean(WxTokenGenerator.class)
			.generate(WxTokenContext.login(user, appId, null, "family-1"))
			.getTokenValue();
	}

	private Path writePublicKey(KeyPair pair) throws IOException {
		StringWriter out = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
			writer.writeObject(pair.getPublic());
		}
		Path file = Files.createTempFile(this.dir, "public", ".pem");
		Files.writeString(file, out.toString());
		return file;
	}

	/** Every message of the cause chain. */
	private static String messages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

	private static KeyPair ecKeyPair() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

	private Path writeEcKey() throws Exception {
		return writePkcs8(ecKeyPair());
	}

	private Path writePkcs8(KeyPair pair) throws IOException {
		StringWriter out = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
			writer.writeObject(new JcaPKCS8Generator(pair.getPrivate(), null));
		}
		Path file = Files.createTempFile(this.dir, "key", ".pem");
		Files.writeString(file, out.toString());
		return file;
	}

	@Configuration(proxyBeanMethods = false)
	static class UserServiceConfiguration {

		@Bean
		WxUserService appUserService() {
			return (identity) -> WxUser.of(identity, AuthorityUtils.createAuthorityList("ROLE_MEMBER"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SigningKeyConfiguration {

		@Bean
		SigningKey appSigningKey() {
			return SigningKey.fromSecret("the application's own secret of 32+ bytes");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class JwtDecoderConfiguration {

		@Bean
		JwtDecoder appJwtDecoder() {
			return (token) -> {
				throw new BadJwtException("the application's decoder");
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AuthenticationProviderConfiguration {

		@Bean
		WxLoginAuthenticationProvider appAuthenticationProvider(WxApps apps, WxApiClient wechat, WxApiFailures failures,
				UsedCodeStore usedCodes, WxSessionStore sessions, EncryptedDataDecryptor decryptor, WxUserService users,
				RefreshTokenRotation refreshTokens, WxTokenGenerator accessTokens) {
			return new WxLoginAuthenticationProvider(apps, wechat, failures, usedCodes, sessions, Duration.ofDays(3),
					decryptor, users, refreshTokens, accessTokens);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BearerRequestBeansConfiguration {

		@Bean
		BearerTokenResolver appBearerTokenResolver() {
			DefaultBearerTokenResolver resolver = new DefaultBearerTokenResolver();
			resolver.setAllowUriQueryParameter(true);
			return resolver;
		}

		@Bean
		HttpFirewall appHttpFirewall() {
			return new StrictHttpFirewall();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SecurityFilterChainConfiguration {

		@Bean
		SecurityFilterChain appSecurityFilterChain(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
			http.with(WxLoginConfigurer.wxLogin(), Customizer.withDefaults());
			return http.build();
		}

	}

}
