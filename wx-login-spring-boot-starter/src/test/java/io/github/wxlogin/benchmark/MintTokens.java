package io.github.wxlogin.benchmark;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.core.io.FileSystemResource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

import io.github.wxlogin.token.SigningKey;
import io.github.wxlogin.token.WxJwtEncoders;
import io.github.wxlogin.token.WxJwtGenerator;
import io.github.wxlogin.token.WxTokenContext;

/**
 * Mints distinct access tokens with an application's key file, as the application itself
 * issues them (its generator, its claims, one openid and login each), one per line, for
 * the load script (benchmarks/load.sh): many users means many distinct tokens. <pre>
 * MintTokens key.pem count app-id out.txt
 * </pre>
 */
public final class MintTokens {

	private MintTokens() {
	}

	public static void main(String[] args) throws Exception {
		SigningKey key = SigningKey.fromPem(new FileSystemResource(args[0]));
		int count = Integer.parseInt(args[1]);
		String appId = args[2];
		WxJwtGenerator generator = new WxJwtGenerator(WxJwtEncoders.create(key), key, "wx-login", (app) -> app,
				Duration.ofHours(2), List.of(), Clock.systemUTC());
		try (BufferedWriter out = Files.newBufferedWriter(Path.of(args[3]), StandardCharsets.US_ASCII)) {
			for (int i = 0; i < count; i++) {
				String openid = String.format("oLoad%023d", i);
				String token = generator.generate(WxTokenContext.login(
						UsernamePasswordAuthenticationToken.authenticated(openid, null,
								AuthorityUtils.createAuthorityList("ROLE_USER")),
						appId, "uLoad" + openid.substring(5), String.format("sid%019d", i)))
					.getTokenValue();
				out.write(token);
				out.newLine();
			}
		}
	}

}
