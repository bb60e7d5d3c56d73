package io.github.wxlogin.test.support;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import io.github.wxlogin.test.simulator.WxSimulator;

/**
 * The simulators that test classes with the default {@code @AutoConfigureWxSimulator}
 * were given, whichever order they run in.
 */
final class SimulatorsSeen {

	static final Set<WxSimulator> withDefaultConfiguration = Collections
		.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

	private SimulatorsSeen() {
	}

}
