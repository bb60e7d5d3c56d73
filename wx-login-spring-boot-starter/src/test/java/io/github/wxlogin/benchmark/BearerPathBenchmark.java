package io.github.wxlogin.benchmark;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import io.github.wxlogin.token.CachingJwtDecoder;
import io.github.wxlogin.token.SigningKey;
import io.github.wxlogin.token.WxJwtDecoders;
import io.github.wxlogin.token.WxJwtEncoders;
import io.github.wxlogin.token.WxJwtGenerator;
import io.github.wxlogin.token.WxTokenContext;
import io.github.wxlogin.web.FastBearerTokenResolver;
import io.github.wxlogin.web.FastStrictHttpFirewall;

/**
 * The per-request pieces of a bearer request, each next to what it replaces or saves, on
 * a real access token (ES256, the sample's claims, 500 characters). Run (see
 * BENCHMARKS.md): <pre>
 * ./mvnw -B -q -pl wx-login-spring-boot-starter test-compile exec:exec -Dexec.executable=java \
 *   -Dexec.classpathScope=test -Dexec.args="-cp %classpath org.openjdk.jmh.Main BearerPath"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BearerPathBenchmark {

	private MockHttpServletRequest request;

	private String authorization;

	private String token;

	private final DefaultBearerTokenResolver springResolver = new DefaultBearerTokenResolver();

	private final FastBearerTokenResolver fastResolver = new FastBearerTokenResolver();

	private final Predicate<String> springHeaderValues = StrictHttpFirewall.ALLOWED_HEADER_VALUES;

	private final Predicate<String> fastHeaderValues = FastStrictHttpFirewall.ALLOWED_HEADER_VALUES;

	private JwtDecoder verifyingDecoder;

	private JwtDecoder cachingDecoder;

	@Setup
	public void setUp() {
		SigningKey key = SigningKey.generate();
		Clock clock = Clock.systemUTC();
		WxJwtGenerator generator = new WxJwtGenerator(WxJwtEncoders.create(key), key, "wx-login", (appId) -> appId,
				Duration.ofHours(2), List.of(), clock);
		Jwt jwt = generator.generate(WxTokenContext.login(
				UsernamePasswordAuthenticationToken.authenticated("o-load-me", null,
						AuthorityUtils.createAuthorityList("ROLE_USER")),
				"wx-demo-sample", "ohQOiko_KhUHOuXfmSjXuwUG82yz", "A9q8m7eaFbcq5mp82ymsPg"));
		this.token = jwt.getTokenValue();
		this.authorization = "Bearer " + this.token;
		this.request = new MockHttpServletRequest("GET", "/api/me");
		this.request.addHeader("Authorization", this.authorization);
		this.verifyingDecoder = WxJwtDecoders.create(key, "wx-login", List.of("wx-demo-sample"), clock, List.of());
		this.cachingDecoder = new CachingJwtDecoder(this.verifyingDecoder, 10_000, clock);
		this.cachingDecoder.decode(this.token);
	}

	@Benchmark
	public String resolverSpring() {
		return this.springResolver.resolve(this.request);
	}

	@Benchmark
	public String resolverFast() {
		return this.fastResolver.resolve(this.request);
	}

	@Benchmark
	public boolean headerValueCheckSpring() {
		return this.springHeaderValues.test(this.authorization);
	}

	@Benchmark
	public boolean headerValueCheckFast() {
		return this.fastHeaderValues.test(this.authorization);
	}

	@Benchmark
	public Jwt decodeVerifyingEs256() {
		return this.verifyingDecoder.decode(this.token);
	}

	@Benchmark
	public Jwt decodeCached() {
		return this.cachingDecoder.decode(this.token);
	}

}
