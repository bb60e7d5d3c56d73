package io.github.wxlogin.web;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.firewall.RequestRejectedException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemRequestRejectedHandlerTests {

	private final ProblemRequestRejectedHandler handler = new ProblemRequestRejectedHandler(
			ProblemResponseWriter.json(JsonMapper.shared()));

	@Test
	void handleWhenRejectedThenInvalidRequestProblemWithoutTheRejectedValue() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/me");
		MockHttpServletResponse response = new MockHttpServletResponse();

		this.handler.handle(request, response, new RequestRejectedException(
				"The request was rejected because the header value \"Bearer secret\u0085token\" is not allowed."));

		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentType()).startsWith("application/problem+json");
		assertThat(response.getContentAsString()).contains("\"error\":\"invalid_request\"")
			.doesNotContain("secret", "rejected", "header");
	}

}
