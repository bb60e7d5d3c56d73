'use strict';

// Starts the real sample app (demo mode: an embedded WeChat simulator) for the tests.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const BUILD_HINT = 'build the sample app first: ./mvnw -B -pl sample-app -am package -DskipTests';

/** @returns {string} the sample app's executable jar */
function findJar() {
  const target = path.join(REPO_ROOT, 'sample-app', 'target');
  let names = [];
  try {
    names = fs.readdirSync(target);
  } catch (e) {
    // no target directory: not built
  }
  const jars = names.filter((name) => /^sample-app-.*\.jar$/.test(name)).sort();
  if (jars.length === 0) {
    throw new Error('No sample-app/target/sample-app-*.jar: ' + BUILD_HINT);
  }
  return path.join(target, jars[jars.length - 1]);
}

/** @returns {Promise<number>} a port that was free a moment ago */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts `java -jar sample-app-*.jar` on a free port and waits until GET /api/ping answers 200.
 * @param {string[]} [extraArgs] more command-line properties, e.g. --wx.login.jwt.access-token-ttl=2s
 * @param {{timeoutMs?: number}} [options]
 * @returns {Promise<{baseUrl: string, port: number, stop: () => Promise<void>}>}
 */
async function startSampleApp(extraArgs = [], { timeoutMs = 90_000 } = {}) {
  const built = findJar();
  // Run a copy: a rebuild of sample-app/target during the tests would break the running JVM.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wx-login-mp-'));
  const jar = path.join(dir, path.basename(built));
  fs.copyFileSync(built, jar);
  const removeCopy = () => fs.rmSync(dir, { recursive: true, force: true });
  const port = await freePort();
  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const args = ['-XX:TieredStopAtLevel=1', '-jar', jar, `--server.port=${port}`, '--management.server.port=0',
    '--logging.level.root=WARN',
    ...extraArgs];
  const child = spawn(java, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  const exit = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
    child.on('error', (err) => {
      exited = { code: null, signal: null, error: err };
      resolve();
    });
  });
  const killOnExit = () => {
    child.kill('SIGKILL');
    removeCopy();
  };
  process.on('exit', killOnExit);

  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    }
    removeCopy();
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      throw new Error(`The sample app (${built}) exited before answering ` + JSON.stringify(exited)
        + '\n--- its output ---\n' + output);
    }
    try {
      const res = await fetch(`${baseUrl}/api/ping`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) {
        return { baseUrl, port, stop };
      }
    } catch (e) {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The sample app did not answer GET /api/ping within ${timeoutMs / 1000} s`
        + '\n--- its output ---\n' + output);
    }
    await sleep(250);
  }
}

module.exports = { startSampleApp, findJar, BUILD_HINT };
