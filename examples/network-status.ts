/**
 * The Go original's ExampleValue_full, in TypeScript: a pretend network service publishes the
 * machine's network status, and an /etc/hosts updater watches it and acts on every new address.
 *
 * The original needed a hand-written type-safe wrapper around its untyped Watcher; with generics
 * (`MemoryValue<NetworkStatus>`) the watcher is typed already.
 *
 * Run it with `npm run example`, or
 * `npx tsx examples/network-status.ts`.
 */
import { MemoryValue, type Watcher } from '../src/index.js';

/** Example data kept in a value. */
export interface NetworkStatus {
  readonly externalAddress: string | null;
  readonly defaultGateway: string | null;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A pretend network service, responsible for telling its watchers the newest information about
 * the machine's network configuration.
 */
export class NetworkService {
  readonly status = new MemoryValue<NetworkStatus>();

  /** Hands out a watcher of the status; the consumer closes it when done. */
  watch(): Watcher<NetworkStatus> {
    return this.status.watch();
  }

  /** Pretends to get a DHCP lease, then to see the address change. */
  async run(print: (line: string) => void): Promise<void> {
    this.status.set({ externalAddress: null, defaultGateway: null });
    await sleep(100);

    print('NS: Got DHCP Lease');
    this.status.set({ externalAddress: '203.0.113.24', defaultGateway: '203.0.113.1' });
    await sleep(100);

    print('NS: DHCP Address changed');
    this.status.set({ externalAddress: '203.0.113.103', defaultGateway: '203.0.113.1' });
    await sleep(100);
  }
}

/**
 * Pretends to rewrite /etc/hosts with each new external address, until `signal` aborts. A real
 * updater would also skip writing when the address is the same as last time, since a set may
 * repeat data (VAL-2).
 */
export async function updateHosts(service: NetworkService, signal: AbortSignal, print: (line: string) => void): Promise<void> {
  const watcher = service.watch();
  try {
    for (;;) {
      // Rejects with the signal's reason once `signal` aborts: that is how this loop ends.
      const status = await watcher.get({ signal });
      if (status.externalAddress === null) continue;
      print(`/etc/hosts: foo.example.com is now ${status.externalAddress}`);
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  } finally {
    watcher.close();
  }
}

/** Runs the example: the service and one updater, then stops the updater. */
export async function main(print: (line: string) => void = console.log): Promise<void> {
  const service = new NetworkService();
  const stop = new AbortController();
  const updater = updateHosts(service, stop.signal, print);
  await service.run(print);
  stop.abort();
  await updater;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
