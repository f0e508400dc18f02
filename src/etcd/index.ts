/**
 * `event-value/etcd`: the Event Value kept in one etcd key, shared across processes and machines.
 * It needs the `etcd3` client (a peer dependency of this entry point only); see `docs/etcd.md`.
 *
 * @module event-value/etcd
 * @category Using event-value
 */

export {
  EtcdValue,
  EtcdWatcher,
  jsonCodec,
  type EtcdClient,
  type EtcdCodec,
  type EtcdKeyValue,
  type EtcdPut,
  type EtcdRead,
  type EtcdResponseHeader,
  type EtcdValueOptions,
  type EtcdWatch,
  type EtcdWatchBuilder,
} from './etcd-value.js';
export { EtcdDecodeError, EtcdKeyDeletedError, EtcdValueClosedError } from './errors.js';
