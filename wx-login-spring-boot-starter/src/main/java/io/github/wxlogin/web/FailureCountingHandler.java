package io.github.wxlogin.web;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Consumer;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Counts a failure of one kind against the client address
 * ({@link HttpServletRequest#getRemoteAddr()}), then lets the delegate answer.
 */
public final class FailureCountingHandler implements AuthenticationFailureHandler {

	private final AuthenticationFailureHandler delegate;

	private final Class<? extends AuthenticationException> counted;

	private final Consumer<String> count;

	/**
	 * @param delegate answers the failure
	 * @param counted the failures to count (such as invalid codes)
	 * @param count counts one for an address
	 */
	public FailureCountingHandler(AuthenticationFailureHandler delegate,
			Class<? extends AuthenticationException> counted, Consumer<String> count) {
		this.delegate = Objects.requireNonNull(delegate, "delegate");
		this.counted = Objects.requireNonNull(counted, "counted");
		this.count = Objects.requireNonNull(count, "count");
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		if (this.counted.isInstance(exception)) {
			this.count.accept(request.getRemoteAddr());
		}
		this.delegate.onAuthenticationFailure(request, response, exception);
	}

}
