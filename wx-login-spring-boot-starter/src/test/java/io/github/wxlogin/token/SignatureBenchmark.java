package io.github.wxlogin.token;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.util.Base64URL;
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

/**
 * Signing and verifying a 400-byte JWS signing input, per algorithm, with the JDK's
 * providers (Nimbus' defaults) and with what the starter uses (BouncyCastle, handed to
 * each signer and verifier, never installed JVM-wide). Run (see BENCHMARKS.md): <pre>
 * ./mvnw -B -q -pl wx-login-spring-boot-starter test-compile exec:exec -Dexec.executable=java \
 *   -Dexec.classpathScope=test -Dexec.args="-cp %classpath org.openjdk.jmh.Main SignatureBenchmark"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SignatureBenchmark {

	private static final JWSHeader ES256 = new JWSHeader(JWSAlgorithm.ES256);

	private static final JWSHeader RS256 = new JWSHeader(JWSAlgorithm.RS256);

	private static final JWSHeader EDDSA = new JWSHeader(JWSAlgorithm.EdDSA);

	private final byte[] input = new byte[400];

	private JWSSigner es256JdkSigner;

	private JWSVerifier es256JdkVerifier;

	private JWSSigner es256StarterSigner;

	private JWSSigner es256BouncyCastleJcaSigner;

	private JWSVerifier es256StarterVerifier;

	private Base64URL es256Signature;

	private JWSSigner rs256JdkSigner;

	private JWSVerifier rs256JdkVerifier;

	private Base64URL rs256Signature;

	private JWSSigner ed25519TinkSigner;

	private JWSVerifier ed25519TinkVerifier;

	private JWSSigner ed25519StarterSigner;

	private JWSVerifier ed25519StarterVerifier;

	private Base64URL ed25519Signature;

	@Setup
	public void setUp() throws Exception {
		java.util.Arrays.fill(this.input, (byte) 'a');
		byte[] payload = "eyJhbGciOiJFUzI1NiJ9.".getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(payload, 0, this.input, 0, payload.length);

		KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
		ec.initialize(new ECGenParameterSpec("secp256r1"));
		KeyPair ecPair = ec.generateKeyPair();
		this.es256JdkSigner = new ECDSASigner((ECPrivateKey) ecPair.getPrivate());
		this.es256JdkVerifier = new ECDSAVerifier((ECPublicKey) ecPair.getPublic());
		ECKey es256 = new ECKey.Builder(Curve.P_256, (ECPublicKey) ecPair.getPublic())
			.privateKey((ECPrivateKey) ecPair.getPrivate())
			.build();
		this.es256StarterSigner = JwsCrypto.signer(es256);
		ECDSASigner jca = new ECDSASigner((ECPrivateKey) ecPair.getPrivate());
		jca.getJCAContext().setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
		this.es256BouncyCastleJcaSigner = jca;
		this.es256StarterVerifier = JwsCrypto.verifier(es256.toPublicJWK());
		this.es256Signature = this.es256JdkSigner.sign(ES256, this.input);

		KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
		rsa.initialize(2048);
		KeyPair rsaPair = rsa.generateKeyPair();
		this.rs256JdkSigner = new RSASSASigner((RSAPrivateKey) rsaPair.getPrivate());
		this.rs256JdkVerifier = new RSASSAVerifier((RSAPublicKey) rsaPair.getPublic());
		this.rs256Signature = this.rs256JdkSigner.sign(RS256, this.input);

		OctetKeyPair ed = new OctetKeyPairGenerator(Curve.Ed25519).keyID("k").generate();
		this.ed25519TinkSigner = new Ed25519Signer(ed);
		this.ed25519TinkVerifier = new Ed25519Verifier(ed.toPublicJWK());
		this.ed25519StarterSigner = JwsCrypto.signer(ed);
		this.ed25519StarterVerifier = JwsCrypto.verifier(ed.toPublicJWK());
		this.ed25519Signature = this.ed25519TinkSigner.sign(EDDSA, this.input);

		if (!this.es256StarterVerifier.verify(ES256, this.input, this.es256Signature)
				|| !this.es256JdkVerifier.verify(ES256, this.input, this.es256StarterSigner.sign(ES256, this.input))
				|| !this.ed25519StarterVerifier.verify(EDDSA, this.input, this.ed25519Signature)) {
			throw new IllegalStateException("signatures do not verify");
		}
	}

	@Benchmark
	public Base64URL es256SignJdk() throws Exception {
		return this.es256JdkSigner.sign(ES256, this.input);
	}

	@Benchmark
	public Base64URL es256SignStarter() throws Exception {
		return this.es256StarterSigner.sign(ES256, this.input);
	}

	@Benchmark
	public Base64URL es256SignBouncyCastleJca() throws Exception {
		return this.es256BouncyCastleJcaSigner.sign(ES256, this.input);
	}

	@Benchmark
	public boolean es256VerifyJdk() throws Exception {
		return this.es256JdkVerifier.verify(ES256, this.input, this.es256Signature);
	}

	@Benchmark
	public boolean es256VerifyStarter() throws Exception {
		return this.es256StarterVerifier.verify(ES256, this.input, this.es256Signature);
	}

	@Benchmark
	public Base64URL rs256SignJdk() throws Exception {
		return this.rs256JdkSigner.sign(RS256, this.input);
	}

	@Benchmark
	public boolean rs256VerifyJdk() throws Exception {
		return this.rs256JdkVerifier.verify(RS256, this.input, this.rs256Signature);
	}

	@Benchmark
	public Base64URL ed25519SignTink() throws Exception {
		return this.ed25519TinkSigner.sign(EDDSA, this.input);
	}

	@Benchmark
	public Base64URL ed25519SignStarter() throws Exception {
		return this.ed25519StarterSigner.sign(EDDSA, this.input);
	}

	@Benchmark
	public boolean ed25519VerifyTink() throws Exception {
		return this.ed25519TinkVerifier.verify(EDDSA, this.input, this.ed25519Signature);
	}

	@Benchmark
	public boolean ed25519VerifyStarter() throws Exception {
		return this.ed25519StarterVerifier.verify(EDDSA, this.input, this.ed25519Signature);
	}

}
