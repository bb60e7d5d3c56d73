package io.github.wxlogin.store;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} process on a free loopback port, for tests; or, with
 * {@link #startCluster()}, a Redis Cluster of three such masters. Without the programs
 * the test is skipped with a message saying what to install, unless the system property
 * {@code wx.requireExternalTools} is {@code true} (CI), where it fails.
 */
public final class RedisServer implements AutoCloseable {

	static final String INSTALL = "redis-server is not installed: install Debian's redis-server "
			+ "(apt-get install redis-server, which brings redis-cli) to run the Redis store tests";

	private final String program;

	private final List<String> arguments;

	private final int port;

	private Process process;

	private RedisServer(String program, List<String> arguments, int port) {
		this.program = program;
		this.arguments = arguments;
		this.port = port;
	}

	/**
	 * Start a server with no persistence, or skip (fail on CI) when none is installed.
	 */
	public static RedisServer start() {
		return launch(freePort(), List.of("--save", "", "--appendonly", "no"));
	}

	/**
	 * Start a server that writes every command to an append-only file in {@code dir}
	 * ({@code appendfsync always}), so that {@link #restart()} keeps its data.
	 */
	public static RedisServer startWithAppendOnlyFile(Path dir) {
		return launch(freePort(),
				List.of("--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir", dir.toString()));
	}

	/**
	 * Start three masters with {@code --cluster-enabled yes} and join them with
	 * {@code redis-cli --cluster create}, or skip (fail on CI) when the programs are
	 * missing.
	 */
	public static Cluster startCluster() {
		String cli = program("redis-cli");
		List<RedisServer> nodes = new ArrayList<>();
		try {
			Path dir = Files.createTempDirectory("wx-login-redis-cluster");
			List<String> command = new ArrayList<>(List.of(cli, "--cluster", "create"));
			for (int i = 0; i < 3; i++) {
				int port = freeClusterPort();
				nodes.add(launch(port,
						List.of("--save", "", "--appendonly", "no", "--cluster-enabled", "yes", "--cluster-config-file",
								"nodes-" + port + ".conf", "--dir", dir.toString(), "--cluster-node-timeout", "5000")));
				command.add("127.0.0.1:" + port);
			}
			command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
			Process create = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!create.waitFor(30, TimeUnit.SECONDS) || create.exitValue() != 0) {
				throw new IllegalStateException("redis-cli --cluster create failed");
			}
			Cluster cluster = new Cluster(nodes);
			cluster.awaitOk();
			return cluster;
		}
		catch (IOException | RuntimeException ex) {
			nodes.forEach(RedisServer::close);
			throw (ex instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			nodes.forEach(RedisServer::close);
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Start a server with no persistence and one Sentinel watching it as master
	 * {@code name} (quorum 1), or skip (fail on CI) when the program is missing.
	 * @return the master and its Sentinel
	 */
	public static Sentinel startSentinel(String name) {
		RedisServer master = start();
		try {
			Path dir = Files.createTempDirectory("wx-login-redis-sentinel");
			Path config = dir.resolve("sentinel.conf");
			Files.writeString(config, "sentinel monitor " + name + " 127.0.0.1 " + master.port() + " 1\n"
					+ "sentinel resolve-hostnames no\n");
			int port = freePort();
			RedisServer sentinel = new RedisServer(program("redis-server"), List.of(config.toString(), "--sentinel",
					"--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString()), port);
			sentinel.run();
			return new Sentinel(master, sentinel, name);
		}
		catch (IOException | RuntimeException ex) {
			master.close();
			throw (ex instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex);
		}
	}

	private static RedisServer launch(int port, List<String> options) {
		String program = program("redis-server");
		List<String> arguments = new ArrayList<>(
				List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--protected-mode", "yes"));
		arguments.addAll(options);
		RedisServer server = new RedisServer(program, arguments, port);
		server.run();
		return server;
	}

	public int port() {
		return this.port;
	}

	/**
	 * Stop the server and start it again on the same port with the same options.
	 */
	public void restart() {
		close();
		run();
	}

	/**
	 * Stop the server now (to test an unavailable store).
	 */
	@Override
	public void close() {
		Process running = this.process;
		if (running == null) {
			return;
		}
		running.destroy();
		try {
			running.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Ask the server one command (RESP inline), for tests: the raw answer.
	 */
	public String command(String... words) {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(5000);
			socket.getOutputStream().write((String.join(" ", words) + "\r\n").getBytes(StandardCharsets.UTF_8));
			byte[] buffer = new byte[65536];
			int read = socket.getInputStream().read(buffer);
			return (read > 0) ? new String(buffer, 0, read, StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void run() {
		try {
			this.process = new ProcessBuilder(new ArrayList<>(this.concat())).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			awaitPing();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start redis-server", ex);
		}
	}

	private List<String> concat() {
		List<String> command = new ArrayList<>();
		command.add(this.program);
		command.addAll(this.arguments);
		return command;
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

	private static String program(String name) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			File candidate = new File(dir, name);
			if (candidate.canExecute()) {
				return candidate.getAbsolutePath();
			}
		}
		if (Boolean.getBoolean("wx.requireExternalTools")) {
			throw new IllegalStateException(INSTALL);
		}
		Assumptions.abort(INSTALL);
		throw new IllegalStateException(INSTALL);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A port that is free, and whose cluster bus port (+10000) is free too. */
	private static int freeClusterPort() {
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(20000, 50000);
			if (isFree(port) && isFree(port + 10000)) {
				return port;
			}
		}
		throw new IllegalStateException("No free port pair for a cluster node");
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * A master watched by one Sentinel.
	 *
	 * @param master the master
	 * @param sentinel the Sentinel
	 * @param name the master's name, for {@code spring.data.redis.sentinel.master}
	 */
	public record Sentinel(RedisServer master, RedisServer sentinel, String name) implements AutoCloseable {

		/**
		 * @return the Sentinel's {@code host:port}, for
		 * {@code spring.data.redis.sentinel.nodes}
		 */
		public String node() {
			return "127.0.0.1:" + this.sentinel.port();
		}

		@Override
		public void close() {
			this.sentinel.close();
			this.master.close();
		}

	}

	/**
	 * Three masters sharing the 16384 slots.
	 */
	public static final class Cluster implements AutoCloseable {

		private final List<RedisServer> nodes;

		Cluster(List<RedisServer> nodes) {
			this.nodes = List.copyOf(nodes);
		}

		/**
		 * @return the nodes' {@code host:port}, for
		 * {@code spring.data.redis.cluster.nodes}
		 */
		public List<String> nodes() {
			return this.nodes.stream().map((node) -> "127.0.0.1:" + node.port()).toList();
		}

		/**
		 * @return the nodes, e.g. to ask each for its keys
		 */
		public List<RedisServer> servers() {
			return this.nodes;
		}

		void awaitOk() {
			Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
			while (Instant.now().isBefore(deadline)) {
				if (this.nodes.stream()
					.allMatch((node) -> node.command("CLUSTER", "INFO").contains("cluster_state:ok"))) {
					return;
				}
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					break;
				}
			}
			close();
			throw new IllegalStateException("The Redis Cluster did not reach cluster_state:ok");
		}

		@Override
		public void close() {
			this.nodes.forEach(RedisServer::close);
		}

	}

}
