/** A producer process for the multi-process test: sets KEY to 1..FINAL on etcd at ENDPOINT. */
import { Etcd3 } from 'etcd3';
import { EtcdValue } from '../../src/etcd/index.js';

const [endpoint, key, final] = process.argv.slice(2);
if (endpoint === undefined || key === undefined || final === undefined) throw new Error('usage: producer.ts ENDPOINT KEY FINAL');
const client = new Etcd3({ hosts: endpoint });
const value = new EtcdValue<number>({ client, key });
for (let n = 1; n <= Number(final); n++) {
  await value.set(n);
  if (n % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
}
await value.close();
client.close();
