package io.github.wxlogin.store;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} process on a free loopback port, for tests. Without the
 * program the test is skipped with a message saying what to install, unless the system
 * property {@code wx.requireExternalTools} is {@code true} (CI), where it fails.
 */
public final class RedisServer implements AutoCloseable {

	static final String INSTALL = "redis-server is not installed: install Debian's redis-server "
			+ "(apt-get install redis-server) to run the Redis store tests";

	private final Process process;

	private final int port;

	private RedisServer(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Start a server with no persistence, or skip (fail on CI) when none is installed.
	 */
	public static RedisServer start() {
		String program = find();
		if (program == null) {
			if (Boolean.getBoolean("wx.requireExternalTools")) {
				throw new IllegalStateException(INSTALL);
			}
			Assumptions.abort(INSTALL);
		}
		int port = freePort();
		try {
			Process process = new ProcessBuilder(List.of(program, "--port", Integer.toString(port), "--bind",
					"127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			RedisServer server = new RedisServer(process, port);
			server.awaitPing();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start redis-server", ex);
		}
	}

	public int port() {
		return this.port;
	}

	/**
	 * Stop the server now (to test an unavailable store).
	 */
	@Override
	public void close() {
		this.process.destroy();
		try {
			this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void awaitPing() {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
		while (Instant.now().isBefore(deadline)) {
			try (Socket socket = new Socket("127.0.0.1", this.port)) {
				socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
				byte[] answer = new byte[7];
				int read = socket.getInputStream().read(answer);
				if (read > 0 && new String(answer, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG")) {
					return;
				}
			}
			catch (IOException ex) {
				// not up yet
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		close();
		throw new IllegalStateException("redis-server did not answer PING");
	}

	private static String find() {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			File candidate = new File(dir, "redis-server");
			if (candidate.canExecute()) {
				return candidate.getAbsolutePath();
			}
		}
		return null;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
