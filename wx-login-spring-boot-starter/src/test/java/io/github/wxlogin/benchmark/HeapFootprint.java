package io.github.wxlogin.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import io.github.wxlogin.store.RefreshTokenStore;
import io.github.wxlogin.store.UsedCodeStore;
import io.github.wxlogin.store.WxSessionStore;
import io.github.wxlogin.store.caffeine.CaffeineRefreshTokenStore;
import io.github.wxlogin.store.caffeine.CaffeineUsedCodeStore;
import io.github.wxlogin.store.caffeine.CaffeineWxSessionStore;
import io.github.wxlogin.token.CachingJwtDecoder;
import io.github.wxlogin.token.RefreshTokenRotation;
import io.github.wxlogin.token.SigningKey;
import io.github.wxlogin.token.WxJwtDecoders;
import io.github.wxlogin.token.WxJwtEncoders;
import io.github.wxlogin.token.WxJwtGenerator;
import io.github.wxlogin.token.WxTokenContext;

/**
 * Retained heap of what the starter keeps per user, measured over many users (see
 * BENCHMARKS.md): the verified-token cache per remembered token, and the memory store per
 * login (session key, refresh family, used-code marker), each as the heap after minus the
 * heap before, after full collections, divided by the count. Run with a stable collector:
 * <pre>
 * ./mvnw -B -q -pl wx-login-spring-boot-starter test-compile exec:exec -Dexec.executable=java \
 *   -Dexec.classpathScope=test \
 *   -Dexec.args="-XX:+UseSerialGC -Xmx2g -cp %classpath io.github.wxlogin.benchmark.HeapFootprint 100000"
 * </pre>
 */
public final class HeapFootprint {

	private HeapFootprint() {
	}

	public static void main(String[] args) {
		int count = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		System.out.printf("verified-token cache: %.0f bytes per remembered token (%d ES256 tokens)%n",
				verifiedTokenCache(count), count);
		System.out.printf("memory store: %.0f bytes per login (%d logins)%n", memoryStore(count), count);
	}

	static double verifiedTokenCache(int count) {
		SigningKey key = SigningKey.generate();
		Clock clock = Clock.systemUTC();
		WxJwtGenerator generator = new WxJwtGenerator(WxJwtEncoders.create(key), key, "wx-login", (appId) -> appId,
				Duration.ofHours(2), List.of(), clock);
		List<String> tokens = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			String openid = String.format("oLoad%023d", i);
			tokens.add(generator.generate(WxTokenContext.login(
					UsernamePasswordAuthenticationToken.authenticated(openid, null,
							AuthorityUtils.createAuthorityList("ROLE_USER")),
					"wx-demo-sample", "u" + openid.substring(1), String.format("sid%019d", i)))
				.getTokenValue());
		}
		JwtDecoder verifier = WxJwtDecoders.create(key, "wx-login", List.of("wx-demo-sample"), clock, List.of());
		CachingJwtDecoder decoder = new CachingJwtDecoder(verifier, count, clock);
		decoder.decode(tokens.get(0));
		long before = usedHeap();
		for (String token : tokens) {
			decoder.decode(token);
		}
		long after = usedHeap();
		Reference.reachabilityFence(tokens);
		if (decoder.size() < count - 1) {
			throw new IllegalStateException("evicted: " + decoder.size());
		}
		return (after - before) / (double) (count - 1);
	}

	static double memoryStore(int count) {
		Clock clock = Clock.systemUTC();
		long maximum = Math.max(count * 2L, 1_000_000);
		WxSessionStore sessions = new CaffeineWxSessionStore(maximum, clock);
		UsedCodeStore codes = new CaffeineUsedCodeStore(maximum, clock);
		RefreshTokenStore refreshTokens = new CaffeineRefreshTokenStore(maximum, clock);
		RefreshTokenRotation rotation = new RefreshTokenRotation(refreshTokens, Duration.ofDays(30), clock);
		SecureRandom random = new SecureRandom();
		sessions.save("wx-demo-sample", "o-warm-up", "AAAAAAAAAAAAAAAAAAAAAA==", Duration.ofDays(3));
		long before = usedHeap();
		List<Object> refreshTokensHeldByClients = new ArrayList<>(count);
		byte[] bytes = new byte[16];
		for (int i = 0; i < count; i++) {
			// what one login hands the stores, made anew as a request would: a code (32
			// characters), an openid and a unionid (28), a session key (Base64 of 16
			// bytes)
			String code = String.format("%032d", i);
			String openid = String.format("oLoad%023d", i);
			String unionid = String.format("uLoad%023d", i);
			random.nextBytes(bytes);
			String sessionKey = Base64.getEncoder().encodeToString(bytes);
			codes.claim("wx-demo-sample", code, Duration.ofMinutes(5));
			sessions.save("wx-demo-sample", openid, sessionKey, Duration.ofDays(3));
			refreshTokensHeldByClients.add(rotation.start("wx-demo-sample", openid, unionid));
		}
		refreshTokensHeldByClients.clear();
		long after = usedHeap();
		Reference.reachabilityFence(sessions);
		Reference.reachabilityFence(codes);
		Reference.reachabilityFence(rotation);
		return (after - before) / (double) count;
	}

	private static long usedHeap() {
		for (int i = 0; i < 4; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
