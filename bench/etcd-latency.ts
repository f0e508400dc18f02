/**
 * Set-to-watcher latency through etcd: one producer sets an EtcdValue; ten watchers, each on its
 * own EtcdValue of the same key and its own etcd client (as separate processes would be), wait
 * for every version. The latency of one delivery is the time from the start of the set to the
 * watcher's get resolving with it. The etcd server is started by the benchmark itself
 * (etcd-tests/etcd-server.ts) and stopped afterwards.
 *
 * @module
 */

import { spawnSync } from 'node:child_process';
import { EtcdValue } from '../src/etcd/index.js';
import { EtcdServer } from '../etcd-tests/etcd-server.js';

/**
 * Whether an `etcd` binary is on the PATH. Without one the benchmark is skipped, saying so; the
 * etcd tests (`npm run test:etcd`) fail instead, since they must never pass by skipping.
 */
export function etcdInstalled(): boolean {
  const which = spawnSync('sh', ['-c', 'command -v etcd'], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() !== '';
}

/** Median and 99th percentile of the set-to-watcher latency, in milliseconds. */
export interface EtcdLatency {
  readonly median: number;
  readonly p99: number;
  readonly deliveries: number;
}

/** The value at quantile `q` of sorted samples. */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/** Measures `sets` sets, each awaited by ten watchers before the next. */
export async function measureEtcdLatency(sets: number): Promise<EtcdLatency> {
  const server = await EtcdServer.start();
  const key = 'event-value/bench/latency';
  const producerClient = server.client();
  const producer = new EtcdValue<number>({ client: producerClient, key });
  const consumers = Array.from({ length: 10 }, () => {
    const client = server.client();
    return { client, value: new EtcdValue<number>({ client, key }) };
  });
  const watchers = consumers.map(({ value }) => value.watch());
  const samples: number[] = [];
  try {
    // Warm up: every watch is established and has seen the key.
    await producer.set(0);
    await Promise.all(watchers.map((watcher) => watcher.get()));
    for (let n = 1; n <= sets; n++) {
      const started = performance.now();
      const arrivals = watchers.map((watcher) => watcher.get().then(() => performance.now() - started));
      await producer.set(n);
      samples.push(...(await Promise.all(arrivals)));
    }
  } finally {
    for (const watcher of watchers) watcher.close();
    await Promise.all([producer.close(), ...consumers.map(({ value }) => value.close())]);
    producerClient.close();
    for (const { client } of consumers) client.close();
    await server.stop();
  }
  samples.sort((a, b) => a - b);
  return { median: quantile(samples, 0.5), p99: quantile(samples, 0.99), deliveries: samples.length };
}
