package io.github.wxlogin.web;

import java.util.function.Predicate;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} with all its defaults, whose header checks
 * take a fast path for plain ASCII.
 * <p>
 * The strict firewall checks every header name and value an application reads, on every
 * read, against a Unicode-class regular expression ("assigned, and not a control
 * character, except tab in values"). A string of printable ASCII ({@code U+0020} to
 * {@code U+007E}, plus tab in values) always satisfies those expressions, so it is
 * accepted after a plain loop; any other string is checked by Spring's own predicates
 * ({@link StrictHttpFirewall#ALLOWED_HEADER_NAMES},
 * {@link StrictHttpFirewall#ALLOWED_HEADER_VALUES}). Exactly the same requests pass and
 * are rejected.
 * <p>
 * A firewall guards every chain of an application (Spring Security's
 * {@code FilterChainProxy} has one), so the starter declares it only with its own default
 * chain; an application with chains of its own may declare it as its {@code HttpFirewall}
 * bean, and configure it further as any strict firewall.
 */
public class FastStrictHttpFirewall extends StrictHttpFirewall {

	/** Spring's header-name rule, with the printable-ASCII fast path. */
	public static final Predicate<String> ALLOWED_HEADER_NAMES = (name) -> isPrintableAscii(name, false)
			|| StrictHttpFirewall.ALLOWED_HEADER_NAMES.test(name);

	/** Spring's header-value rule, with the printable-ASCII-or-tab fast path. */
	public static final Predicate<String> ALLOWED_HEADER_VALUES = (value) -> isPrintableAscii(value, true)
			|| StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(value);

	/**
	 * A strict firewall with Spring's defaults and the fast header checks.
	 */
	public FastStrictHttpFirewall() {
		setAllowedHeaderNames(ALLOWED_HEADER_NAMES);
		setAllowedHeaderValues(ALLOWED_HEADER_VALUES);
	}

	private static boolean isPrintableAscii(String s, boolean tabAllowed) {
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if ((c < 0x20 || c > 0x7e) && !(tabAllowed && c == '\t')) {
				return false;
			}
		}
		return true;
	}

}
