package io.github.wxlogin.test.simulator;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A failure the simulator serves instead of (or, for {@link #delay(Duration)}, before)
 * the normal answer, to test how a client copes with a busy, slow or broken WeChat.
 * Instances are immutable and may be shared.
 *
 * @see WxSimulator#failNext(String, Fault)
 * @see WxSimulator#failAlways(String, Fault)
 */
public final class Fault {

	/**
	 * HTTP 200 with {@code {"errcode":-1,"errmsg":"system error"}}: WeChat is busy, retry
	 * later.
	 */
	public static final Fault BUSY = errcode(-1, "system error");

	/** HTTP 200 with errcode 45011: the minute quota is used up. */
	public static final Fault RATE_LIMITED = errcode(45011, WxApiError.MINUTE_QUOTA_MESSAGE);

	/** HTTP 500 with an HTML error page. */
	public static final Fault HTTP_500 = new Fault(Kind.HTTP_500, 0, null, Duration.ZERO);

	/**
	 * HTTP 200 with an HTML page instead of JSON (as a captive portal or proxy error page
	 * would answer).
	 */
	public static final Fault HTML = new Fault(Kind.HTML, 0, null, Duration.ZERO);

	/** HTTP 200 with an empty body. */
	public static final Fault EMPTY = new Fault(Kind.EMPTY, 0, null, Duration.ZERO);

	/**
	 * The connection breaks during the answer: the status line and headers arrive, the
	 * body is cut short, and the client sees an {@link java.io.IOException} while reading
	 * it. (A connection closed before the first byte would be silently retried for GET
	 * requests by JDK HttpClient and HttpURLConnection, hiding the fault.) Like every
	 * fault, the request has no other effect: a code sent with it stays unused.
	 */
	public static final Fault RESET = new Fault(Kind.RESET, 0, null, Duration.ZERO);

	private final Kind kind;

	private final int errcode;

	private final @Nullable String errmsg;

	private final Duration delay;

	private Fault(Kind kind, int errcode, @Nullable String errmsg, Duration delay) {
		this.kind = kind;
		this.errcode = errcode;
		this.errmsg = errmsg;
		this.delay = delay;
	}

	/**
	 * Waits, then answers normally: to test read timeouts.
	 * @param delay how long to wait before answering; not negative
	 * @return the fault
	 */
	public static Fault delay(Duration delay) {
		Objects.requireNonNull(delay, "delay");
		if (delay.isNegative()) {
			throw new IllegalArgumentException("delay must not be negative");
		}
		return new Fault(Kind.DELAY, 0, null, delay);
	}

	/**
	 * HTTP 200 with {@code {"errcode":errcode,"errmsg":"errmsg, rid: ..."}}, for error
	 * codes without a constant here (e.g. 45009 daily quota, 40164 IP not whitelisted,
	 * 48001 unauthorized).
	 * @param errcode the WeChat error code, not 0
	 * @param errmsg the message; a {@code rid} suffix is added
	 * @return the fault
	 */
	public static Fault errcode(int errcode, String errmsg) {
		Objects.requireNonNull(errmsg, "errmsg");
		if (errcode == 0) {
			throw new IllegalArgumentException("errcode 0 is success, not a fault");
		}
		return new Fault(Kind.ERRCODE, errcode, errmsg, Duration.ZERO);
	}

	/**
	 * The kind of failure.
	 * @return the kind
	 */
	public Kind kind() {
		return this.kind;
	}

	/**
	 * The error code served by an {@link Kind#ERRCODE} fault.
	 * @return the error code, 0 for other kinds
	 */
	public int errcode() {
		return this.errcode;
	}

	/**
	 * The wait of a {@link Kind#DELAY} fault.
	 * @return the delay, zero for other kinds
	 */
	public Duration delay() {
		return this.delay;
	}

	String errmsg() {
		return (this.errmsg != null) ? this.errmsg : "";
	}

	@Override
	public String toString() {
		return switch (this.kind) {
			case ERRCODE -> "Fault[errcode " + this.errcode + "]";
			case DELAY -> "Fault[delay " + this.delay + "]";
			default -> "Fault[" + this.kind + "]";
		};
	}

	/**
	 * What a fault does.
	 */
	public enum Kind {

		/** HTTP 200 with a WeChat error code. */
		ERRCODE,

		/** HTTP 500 with HTML. */
		HTTP_500,

		/** HTTP 200 with HTML. */
		HTML,

		/** HTTP 200, empty body. */
		EMPTY,

		/** A wait, then the normal answer. */
		DELAY,

		/** The connection breaks in the middle of the answer. */
		RESET

	}

}
