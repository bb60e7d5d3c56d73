package io.github.wxlogin.test.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator's HTTP side: counts requests, serves faults, routes by method and path,
 * decodes the query, and writes answers the way WeChat does (business errors as HTTP 200
 * with errcode JSON and a {@code rid}, 404 as an HTML page). The WeChat semantics live in
 * the {@link Endpoint}s. Thread-safe once the routes are set up.
 */
final class WeChatHttpHandler implements HttpHandler {

	/** What WeChat labels {@code sns/*} answers with, JSON included. */
	static final String TEXT_PLAIN = "text/plain";

	/** What WeChat labels {@code cgi-bin} JSON answers with. */
	static final String JSON = "application/json; encoding=utf-8";

	private static final String HTML = "text/html; charset=utf-8";

	private static final System.Logger logger = System.getLogger(WeChatHttpHandler.class.getName());

	private final JsonMapper json;

	private final Map<String, Route> routes = new ConcurrentHashMap<>();

	private final FaultRules faults = new FaultRules();

	private final Map<String, LongAdder> requestCounts = new ConcurrentHashMap<>();

	WeChatHttpHandler(JsonMapper json) {
		this.json = json;
	}

	/**
	 * Serves {@code endpoint} for {@code method} on {@code path}; any other method gets
	 * 404.
	 */
	void route(String method, String path, String contentType, Endpoint endpoint) {
		this.routes.put(path, new Route(method, contentType, endpoint));
	}

	FaultRules faults() {
		return this.faults;
	}

	long requestCount(String path) {
		LongAdder count = this.requestCounts.get(path);
		return (count != null) ? count.sum() : 0;
	}

	void resetCounts() {
		this.requestCounts.clear();
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		Fault fault = null;
		try {
			this.requestCounts.computeIfAbsent(path, (key) -> new LongAdder()).increment();
			byte[] body = exchange.getRequestBody().readAllBytes();
			fault = this.faults.take(path);
			if (fault == null) {
				send(exchange, answer(exchange, path, body));
			}
			else if (fault.kind() == Fault.Kind.RESET) {
				breakOff(exchange, path);
			}
			else if (fault.kind() == Fault.Kind.DELAY) {
				Thread.sleep(fault.delay().toMillis());
				send(exchange, answer(exchange, path, body));
			}
			else {
				send(exchange, faultAnswer(fault, path));
			}
		}
		catch (InterruptedException ex) {
			// the simulator is closing: drop the request
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			logger.log(System.Logger.Level.WARNING, "WeChat simulator failed to answer a request to " + path, ex);
			sendQuietly(exchange, new Answer(500, HTML, page("500 Internal Server Error")));
		}
		finally {
			if (fault == null || fault.kind() != Fault.Kind.RESET) {
				exchange.close();
			}
		}
	}

	/**
	 * The RESET fault: a chunked answer that breaks off after its first chunk. Closing
	 * the exchange would end the chunked body properly, so the exchange stays open and an
	 * exception makes the server drop the connection instead. Breaking off before the
	 * first byte would not do: JDK HttpClient and HttpURLConnection silently resend an
	 * idempotent GET once, and the second attempt would get a normal answer.
	 */
	private void breakOff(HttpExchange exchange, String path) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType(path));
		exchange.sendResponseHeaders(200, 0);
		OutputStream body = exchange.getResponseBody();
		body.write("{\"errcode\"".getBytes(StandardCharsets.UTF_8));
		body.flush();
		throw new IOException("Connection reset on purpose (Fault.RESET)");
	}

	private Answer answer(HttpExchange exchange, String path, byte[] body) {
		Route route = this.routes.get(path);
		if (route == null || !route.method().equals(exchange.getRequestMethod())) {
			return new Answer(404, HTML, page("404 Not Found"));
		}
		// the server has parsed the request line as a URI already: the query's escapes
		// are well-formed
		Map<String, String> query = parseQuery(exchange.getRequestURI().getRawQuery());
		try {
			Map<String, Object> answer = route.endpoint().answer(new Request(query, body, this.json));
			return new Answer(200, route.contentType(), this.json.writeValueAsBytes(answer));
		}
		catch (WxApiError error) {
			return errorAnswer(path, error.errcode(), error.errmsg());
		}
	}

	private Answer faultAnswer(Fault fault, String path) {
		return switch (fault.kind()) {
			case ERRCODE -> errorAnswer(path, fault.errcode(), fault.errmsg());
			case HTTP_500 -> new Answer(500, HTML, page("500 Internal Server Error"));
			case HTML -> new Answer(200, HTML, page("502 Bad Gateway"));
			case EMPTY -> new Answer(200, contentType(path), new byte[0]);
			case DELAY, RESET -> throw new IllegalStateException("Not an answer: " + fault);
		};
	}

	private Answer errorAnswer(String path, int errcode, String errmsg) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("errcode", errcode);
		body.put("errmsg", errmsg + ", rid: " + rid());
		return new Answer(200, contentType(path), this.json.writeValueAsBytes(body));
	}

	private String contentType(String path) {
		Route route = this.routes.get(path);
		return (route != null) ? route.contentType() : JSON;
	}

	private static void send(HttpExchange exchange, Answer answer) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", answer.contentType());
		exchange.sendResponseHeaders(answer.status(), (answer.body().length > 0) ? answer.body().length : -1);
		if (answer.body().length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(answer.body());
			}
		}
	}

	private static void sendQuietly(HttpExchange exchange, Answer answer) {
		try {
			send(exchange, answer);
		}
		catch (IOException | RuntimeException ex) {
			// headers already sent or client gone: closing the exchange is all that is
			// left
		}
	}

	private static byte[] page(String title) {
		return ("<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
				+ "</h1></center>\r\n</body>\r\n</html>\r\n")
			.getBytes(StandardCharsets.UTF_8);
	}

	private static String rid() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return String.format("%08x-%08x-%08x", random.nextInt(), random.nextInt(), random.nextInt());
	}

	/** First value of each parameter, percent- and {@code +}-decoded as UTF-8. */
	private static Map<String, String> parseQuery(@Nullable String rawQuery) {
		Map<String, String> query = new LinkedHashMap<>();
		if (rawQuery == null || rawQuery.isEmpty()) {
			return query;
		}
		for (String pair : rawQuery.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
			String value = (equals < 0) ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
			query.putIfAbsent(name, value);
		}
		return query;
	}

	/**
	 * One WeChat API: turns a request into the JSON answer, or throws {@link WxApiError}.
	 */
	@FunctionalInterface
	interface Endpoint {

		Map<String, Object> answer(Request request);

	}

	/**
	 * A decoded request.
	 */
	static final class Request {

		private final Map<String, String> query;

		private final byte[] body;

		private final JsonMapper json;

		Request(Map<String, String> query, byte[] body, JsonMapper json) {
			this.query = query;
			this.body = body;
			this.json = json;
		}

		/** The first value of a query parameter, decoded; {@code null} if absent. */
		@Nullable String query(String name) {
			return this.query.get(name);
		}

		/** The body as text, UTF-8. */
		String bodyText() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		/**
		 * The body as a JSON object.
		 * @throws WxApiError 47001 if it is not one
		 */
		JsonNode jsonObject() {
			try {
				JsonNode node = this.json.readTree(this.body);
				if (node == null || !node.isObject()) {
					throw WxApiError.dataFormatError();
				}
				return node;
			}
			catch (JacksonException ex) {
				throw WxApiError.dataFormatError();
			}
		}

	}

	private record Route(String method, String contentType, Endpoint endpoint) {
	}

	private record Answer(int status, String contentType, byte[] body) {
	}

}
