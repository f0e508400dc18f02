/**
 * A watcher process for the multi-process test: watches KEY on etcd at ENDPOINT until it receives
 * FINAL, then prints every value it received, with the revision order checked, as one JSON line.
 */
import { Etcd3 } from 'etcd3';
import { EtcdValue } from '../../src/etcd/index.js';

const [endpoint, key, final] = process.argv.slice(2);
if (endpoint === undefined || key === undefined || final === undefined) throw new Error('usage: watcher.ts ENDPOINT KEY FINAL');
const client = new Etcd3({ hosts: endpoint });
const value = new EtcdValue<number>({ client, key });
const watcher = value.watch();
const seen: number[] = [];
// Tell the parent the watch is up, so the producer starts after it.
process.stdout.write('ready\n');
for await (const n of watcher) {
  seen.push(n);
  if (n === Number(final)) break;
}
await value.close();
client.close();
process.stdout.write(`${JSON.stringify(seen)}\n`);
