/**
 * A real etcd for the tests: Debian's `etcd-server` package, started on free loopback ports with
 * a temporary data directory, stopped (and restarted, for the fault tests) on demand. When etcd
 * cannot be started, `startEtcd` throws an error that says so: the suite fails, it never passes
 * by skipping.
 *
 * @module
 */

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Etcd3 } from 'etcd3';

/** A free TCP port on the loopback interface. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** One etcd server with its data directory. */
export class EtcdServer {
  #process: ChildProcess | undefined;
  #output = '';

  private constructor(
    readonly binary: string,
    readonly dataDirectory: string,
    readonly clientPort: number,
    readonly peerPort: number,
  ) {}

  /** Where clients connect. */
  get endpoint(): string {
    return `http://127.0.0.1:${this.clientPort}`;
  }

  /** Starts a fresh etcd; throws, saying why, if it cannot. */
  static async start(): Promise<EtcdServer> {
    const which = spawnSync('sh', ['-c', 'command -v etcd'], { encoding: 'utf8' });
    const binary = which.stdout.trim();
    if (which.status !== 0 || binary === '') {
      throw new Error('etcd is not installed: install Debian\'s etcd-server package (.ci/run does: apt-get install -y etcd-server)');
    }
    const server = new EtcdServer(binary, mkdtempSync(join(tmpdir(), 'event-value-etcd-')), await freePort(), await freePort());
    await server.resume();
    return server;
  }

  /** Starts (or restarts) the server on the same ports and data directory. */
  async resume(): Promise<void> {
    const peer = `http://127.0.0.1:${this.peerPort}`;
    this.#process = spawn(
      this.binary,
      [
        '--name', 'test',
        '--data-dir', this.dataDirectory,
        '--listen-client-urls', this.endpoint,
        '--advertise-client-urls', this.endpoint,
        '--listen-peer-urls', peer,
        '--initial-advertise-peer-urls', peer,
        '--initial-cluster', `test=${peer}`,
        '--log-level', 'error',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.#process.stdout?.on('data', (chunk: Buffer) => (this.#output += chunk.toString()));
    this.#process.stderr?.on('data', (chunk: Buffer) => (this.#output += chunk.toString()));
    const client = new Etcd3({ hosts: this.endpoint, dialTimeout: 1000 });
    try {
      const deadline = Date.now() + 15_000;
      for (;;) {
        if (this.#process.exitCode !== null) throw new Error(`etcd exited at start (code ${this.#process.exitCode}):\n${this.#output}`);
        try {
          await client.put('event-value/health').value('ok').exec();
          return;
        } catch (error) {
          if (Date.now() > deadline) throw new Error(`etcd did not answer within 15 s at ${this.endpoint}: ${String(error)}\n${this.#output}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    } finally {
      client.close();
    }
  }

  /** Stops the server, keeping its data directory for {@link resume}. */
  async pause(): Promise<void> {
    const process = this.#process;
    this.#process = undefined;
    if (process === undefined || process.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      process.once('exit', () => resolve());
      process.kill('SIGTERM');
    });
  }

  /** Stops the server and removes its data. */
  async stop(): Promise<void> {
    await this.pause();
    rmSync(this.dataDirectory, { recursive: true, force: true });
  }

  /** A client of this server; close it when done. */
  client(): Etcd3 {
    return new Etcd3({ hosts: this.endpoint, dialTimeout: 1000 });
  }
}

/**
 * Starts one etcd for a test file (before its tests) and stops it after; returns accessors for
 * the server and a client of it.
 */
export function useEtcd(hooks: { beforeAll(fn: () => Promise<void>, timeout?: number): void; afterAll(fn: () => Promise<void>): void }): {
  server(): EtcdServer;
  client(): Etcd3;
} {
  let server: EtcdServer | undefined;
  let client: Etcd3 | undefined;
  hooks.beforeAll(async () => {
    server = await EtcdServer.start();
    client = server.client();
  }, 60_000);
  hooks.afterAll(async () => {
    client?.close();
    await server?.stop();
  });
  const started = <V>(thing: V | undefined): V => {
    if (thing === undefined) throw new Error('etcd was not started: see the error of beforeAll');
    return thing;
  };
  return { server: () => started(server), client: () => started(client) };
}
