package io.github.wxlogin.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.firewall.HttpFirewall;

import io.github.wxlogin.web.FastBearerTokenResolver;
import io.github.wxlogin.web.HeaderCheckingFirewall;

/**
 * Spring Security's per-request bearer path with Spring's own rules and fast paths for
 * the common case: the bearer token resolver and the strict firewall's header checks, and
 * a problem+json answer for a request the firewall rejects. Each backs off when the
 * application defines its own.
 */
@Configuration(proxyBeanMethods = false)
class BearerRequestConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BearerTokenResolver wxBearerTokenResolver() {
		return new FastBearerTokenResolver();
	}

	@Bean
	@ConditionalOnMissingBean
	HttpFirewall wxHttpFirewall() {
		return HeaderCheckingFirewall.create();
	}

}
