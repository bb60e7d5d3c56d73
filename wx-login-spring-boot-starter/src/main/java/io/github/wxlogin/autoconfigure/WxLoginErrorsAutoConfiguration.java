package io.github.wxlogin.autoconfigure;

import org.apache.catalina.core.StandardHost;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.SearchStrategy;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import io.github.wxlogin.web.ProblemRequestRejectedHandler;
import io.github.wxlogin.web.ProblemResponseWriter;

/**
 * Every error as the contract's problem, also outside the starter's endpoints: requests
 * the firewall rejects, Boot's error page ({@code /error}: Spring MVC's 404 and 405,
 * exceptions, a direct request), and Tomcat's own rejections. Each backs off when the
 * application has its own ({@code RequestRejectedHandler}, {@code ErrorController});
 * {@code
 * wx.login.errors.enabled=false} turns them all off.
 */
@AutoConfiguration(after = WxLoginAutoConfiguration.class,
		beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnBooleanProperty(name = { "wx.login.enabled", "wx.login.errors.enabled" }, matchIfMissing = true)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(ProblemResponseWriter.class)
public final class WxLoginErrorsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RequestRejectedHandler wxProblemRequestRejectedHandler(ProblemResponseWriter problems) {
		return new ProblemRequestRejectedHandler(problems);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ErrorController.class)
	static class ErrorPage {

		@Bean
		@ConditionalOnMissingBean(value = ErrorController.class, search = SearchStrategy.CURRENT)
		ProblemErrorController wxProblemErrorController(ProblemResponseWriter problems,
				ObjectProvider<ErrorAttributes> errorAttributes, ObjectProvider<ErrorViewResolver> errorViewResolvers) {
			return new ProblemErrorController(problems, errorAttributes.getIfAvailable(DefaultErrorAttributes::new),
					errorViewResolvers.orderedStream().toList());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ TomcatServletWebServerFactory.class, StandardHost.class })
	static class TomcatErrors {

		@Bean
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> wxProblemErrorReportValve() {
			return (factory) -> factory.addContextCustomizers((context) -> {
				if (context.getParent() instanceof StandardHost host) {
					host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
				}
			});
		}

	}

}
