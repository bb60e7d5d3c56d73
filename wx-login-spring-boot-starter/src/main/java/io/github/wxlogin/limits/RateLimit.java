package io.github.wxlogin.limits;

import java.time.Duration;
import java.util.Objects;

/**
 * A limit: at most {@code max} events per key in each fixed window of {@code window}.
 *
 * @param name the limit's stable name, used in counter keys and as a metric tag (bounded)
 * @param max how many events a key may have in one window (at least 1)
 * @param window the window length (at least one millisecond)
 */
public record RateLimit(String name, int max, Duration window) {

	public RateLimit {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(window, "window");
		if (max < 1) {
			throw new IllegalArgumentException("max must be at least 1");
		}
		if (window.toMillis() < 1) {
			throw new IllegalArgumentException("window must be at least 1ms");
		}
	}

}
