package io.github.wxlogin.test.simulator;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WxSimulatorExtensionInstanceFieldTests {

	private static WxSimulator previous;

	@RegisterExtension
	WxSimulatorExtension wechat = WxSimulatorExtension.create().app("wx-test-app", "test-secret");

	@Test
	@Order(1)
	void instanceExtensionThenRunningForThisTest(WxSimulator simulator) {
		previous = simulator;

		assertThat(simulator).isSameAs(this.wechat.simulator());
		assertThat(new WeChatHttp(simulator)
			.code2Session("wx-test-app", "test-secret", this.wechat.createCode("wx-test-app", "o-alice"))
			.get("openid")
			.asString()).isEqualTo("o-alice");
	}

	@Test
	@Order(2)
	void instanceExtensionThenFreshSimulatorAndPreviousStopped() {
		assertThat(this.wechat.simulator()).isNotSameAs(previous);
		assertThat(this.wechat.sessionKey("wx-test-app", "o-alice")).isEmpty();
		assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(previous.baseUrl() + "/")).build(),
					HttpResponse.BodyHandlers.discarding()));
	}

}
