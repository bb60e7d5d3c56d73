package io.github.wxlogin.test.simulator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The faults to serve, each for requests whose path starts with a prefix, a number of
 * times or always. The oldest matching rule wins. Thread-safe: each counted rule fires
 * exactly as many times as asked, also under concurrent requests.
 */
final class FaultRules {

	private static final int ALWAYS = -1;

	private final List<Rule> rules = new CopyOnWriteArrayList<>();

	void add(String pathPrefix, int times, Fault fault) {
		this.rules.add(new Rule(pathPrefix, fault, new AtomicInteger(times)));
	}

	void addAlways(String pathPrefix, Fault fault) {
		this.rules.add(new Rule(pathPrefix, fault, new AtomicInteger(ALWAYS)));
	}

	/**
	 * The fault for a request to {@code path}, counting it against its rule.
	 * @return the fault, or {@code null} to answer normally
	 */
	@Nullable Fault take(String path) {
		for (Rule rule : this.rules) {
			if (path.startsWith(rule.pathPrefix) && rule.fire()) {
				if (rule.remaining.get() == 0) {
					this.rules.remove(rule);
				}
				return rule.fault;
			}
		}
		return null;
	}

	void clear() {
		this.rules.clear();
	}

	private record Rule(String pathPrefix, Fault fault, AtomicInteger remaining) {

		boolean fire() {
			while (true) {
				int left = this.remaining.get();
				if (left == ALWAYS) {
					return true;
				}
				if (left == 0) {
					return false;
				}
				if (this.remaining.compareAndSet(left, left - 1)) {
					return true;
				}
			}
		}

	}

}
