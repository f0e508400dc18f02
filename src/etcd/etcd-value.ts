/**
 * An Event Value kept in one etcd key, shared by every process that watches the key. See
 * `docs/etcd.md` for how each clause of `docs/spec.md` maps onto etcd.
 *
 * The value keeps a local mirror of the key ({@link RevisionStore}): one etcd watch per value feeds
 * it, every put this process makes feeds it as soon as etcd answers, and the watchers are
 * MemoryValue's own state machine standing in that mirror. So gets, aborts, closes, predicates,
 * iteration and disposal behave exactly as in memory, and only a `set` waits for the network.
 *
 * @module
 */

import { IdiomaticWatcher } from '../idioms/idiomatic-watcher.js';
import { MemoryWatcher } from '../memory-watcher.js';
import type { GetOptions, Snapshot, Value } from '../types.js';
import { EtcdDecodeError, EtcdKeyDeletedError, EtcdValueClosedError } from './errors.js';
import { RevisionStore, type Revision } from './revision-store.js';

/** How data is stored in the key. */
export interface EtcdCodec<T> {
  /** Turns data into the key's text (binary data needs a text encoding such as base64). */
  encode(data: T): string;
  /** Turns the key's bytes back into data; throwing makes that revision undecodable. */
  decode(bytes: Uint8Array): T;
}

/** The default codec: JSON text. */
export const jsonCodec: EtcdCodec<unknown> = Object.freeze({
  encode: (data: unknown): string => {
    const text = JSON.stringify(data);
    if (text === undefined) throw new TypeError(`EtcdValue: JSON cannot encode ${typeof data}`);
    return text;
  },
  decode: (bytes: Uint8Array): unknown => JSON.parse(new TextDecoder().decode(bytes)),
});

/** One key-value pair as etcd's client hands it over. */
export interface EtcdKeyValue {
  /** The revision at which the key was last modified (or deleted, in a delete event). */
  readonly mod_revision: string;
  /** The stored bytes. */
  readonly value: Uint8Array;
}

/** The header of every etcd response. */
export interface EtcdResponseHeader {
  /** The store's revision when the request was served. */
  readonly revision: string;
}

/** The watch on the key, as the `etcd3` client makes it. */
export interface EtcdWatch {
  /** Registers a handler for a put or a delete of the key. */
  on(event: 'put' | 'delete', handler: (kv: EtcdKeyValue) => void): unknown;
  /** Registers a handler for the watch's cancellation (after a compaction, for one). */
  on(event: 'error', handler: (error: unknown) => void): unknown;
  /** Stops the watch. */
  cancel(): Promise<void>;
}

/** A read of the key (`client.get(key)`). */
export interface EtcdRead {
  /** Sends the read. */
  exec(): Promise<{
    /** When the read was served. */
    readonly header: EtcdResponseHeader;
    /** The key, if it exists. */
    readonly kvs: readonly EtcdKeyValue[];
  }>;
}

/** A put of the key (`client.put(key).value(text)`). */
export interface EtcdPut {
  /** Sends the put. */
  exec(): Promise<{
    /** Its revision is the key's new modification revision. */
    readonly header: EtcdResponseHeader;
  }>;
}

/** A watch being built (`client.watch().key(key).startRevision(revision)`). */
export interface EtcdWatchBuilder {
  /** Watches this key. */
  key(key: string): {
    /** From this revision on. */
    startRevision(revision: string): {
      /** Starts the watch. */
      create(): Promise<EtcdWatch>;
    };
  };
}

/**
 * The part of the `etcd3` client (`new Etcd3(...)`) that EtcdValue uses. Any object with this
 * shape works, which keeps `etcd3` out of this module's imports.
 */
export interface EtcdClient {
  /** Starts a read of `key`. */
  get(key: string): EtcdRead;
  /** Starts a put of `key`. */
  put(key: string): {
    /** With this text. */
    value(value: string): EtcdPut;
  };
  /** Starts building a watch. */
  watch(): EtcdWatchBuilder;
}

/** Options for {@link EtcdValue}. */
export interface EtcdValueOptions<T> {
  /** The etcd client; the value never closes it. */
  readonly client: EtcdClient;
  /** The key that holds the value. */
  readonly key: string;
  /** How data is stored; JSON by default. */
  readonly codec?: EtcdCodec<T> | undefined;
  /**
   * Always async mode. Sync mode would need every process's watchers counted in each set's
   * audience, which etcd does not track; asking for it is a `TypeError` (see `docs/spec.md`).
   */
  readonly sync?: false | undefined;
}

/** How long a failed put waits before it tries again, at most. */
const maxRetryDelay = 1000;

/**
 * An Event Value in one etcd key, in async mode: each watcher receives the newest revision it
 * has not seen; versions are etcd's modification revisions of the key.
 *
 * @example
 * ```ts
 * import { Etcd3 } from 'etcd3';
 * import { EtcdValue } from 'event-value/etcd';
 *
 * const client = new Etcd3({ hosts: 'http://127.0.0.1:2379' });
 * const leader = new EtcdValue<string>({ client, key: 'service/leader' });
 * await leader.set('node-2'); // applied by etcd when the promise resolves
 * const watcher = leader.watch();
 * console.log(await watcher.get()); // 'node-2', or anything newer another process set
 * watcher.close();
 * await leader.close();
 * client.close();
 * ```
 *
 * @typeParam T - The data the value holds.
 */
export class EtcdValue<T> implements Value<T> {
  /** Always `false`: async mode only. */
  readonly sync = false;
  readonly #client: EtcdClient;
  readonly #key: string;
  readonly #codec: EtcdCodec<T>;
  readonly #store = new RevisionStore<T>();
  /** The snapshot of the newest revision, once asked for (PEEK-3). */
  #snapshot: Snapshot<T> | undefined;
  /** The etcd watch, once the first watcher started it; `closed` after {@link close}. */
  #watch: Promise<EtcdWatch | undefined> | 'closed' | undefined;

  /**
   * @param options - The client, the key, and optionally a codec.
   * @throws TypeError if an option is missing or of the wrong type, or if sync mode is asked for.
   */
  constructor(options: EtcdValueOptions<T>) {
    const where = 'EtcdValue';
    if (typeof options !== 'object' || options === null) throw new TypeError(`${where}: options must be an object`);
    for (const key of Object.keys(options)) {
      if (!['client', 'key', 'codec', 'sync'].includes(key)) throw new TypeError(`${where}: unknown option '${key}'`);
    }
    if (options.sync !== undefined && options.sync !== false) {
      throw new TypeError(`${where}: sync mode is not supported: etcd cannot tell when every watcher of every process has received a version`);
    }
    const client = options.client as Partial<EtcdClient> | undefined;
    if (typeof client !== 'object' || client === null || typeof client.get !== 'function' || typeof client.put !== 'function' || typeof client.watch !== 'function') {
      throw new TypeError(`${where}: option 'client' must be an etcd3 client`);
    }
    if (typeof options.key !== 'string' || options.key === '') throw new TypeError(`${where}: option 'key' must be a non-empty string`);
    const codec = options.codec as Partial<EtcdCodec<T>> | undefined;
    if (codec !== undefined && (typeof codec.encode !== 'function' || typeof codec.decode !== 'function')) {
      throw new TypeError(`${where}: option 'codec' must have encode and decode functions`);
    }
    this.#client = options.client;
    this.#key = options.key;
    this.#codec = (options.codec ?? jsonCodec) as EtcdCodec<T>;
  }

  /**
   * Puts `data` into the key. The promise resolves once etcd has applied the put; from then on
   * its revision (or a newer one) is what every get of this value sees (VAL-2, VAL-5). While etcd
   * is unreachable the put is retried; the promise rejects only if the value is closed first
   * ({@link EtcdValueClosedError}) or if the codec cannot encode `data`.
   */
  async set(data: T): Promise<void> {
    const text = this.#codec.encode(data);
    for (let attempt = 0; ; attempt++) {
      if (this.#closed()) throw new EtcdValueClosedError();
      try {
        const response = await this.#client.put(this.#key).value(text).exec();
        // The put's revision is the key's new modification revision. The mirror gets the data
        // decoded from the text sent, exactly what the watch delivers for that revision, and never
        // `data` itself: whichever of the two reaches this process first, every watcher receives
        // the same kind of thing, a decoded copy (docs/etcd.md, VAL-3).
        const revision = Number(response.header.revision);
        this.#store.apply(revision, this.#decode(revision, new TextEncoder().encode(text)));
        // A watcher's get settles one microtask after the mirror hands it the revision (it turns
        // the revision into data); yielding once lets the gets settle before this set (ORDER-2).
        await Promise.resolve();
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, Math.min(maxRetryDelay, 50 * 2 ** attempt)));
      }
    }
  }

  /**
   * Makes a watcher. Its first get resolves with the key's current data, or newer (GET-2); the
   * first watcher of a value reads the key and then watches it from the next revision on, so no
   * put in between is lost.
   */
  watch(): EtcdWatcher<T> {
    this.#start();
    return new EtcdWatcher(this.#store.watch());
  }

  /**
   * The newest revision this process has seen and its data, without waiting, or `undefined`
   * before the first read of the key or while it was never set (PEEK-1). Versions are etcd's
   * revisions. Like a get, it throws {@link EtcdKeyDeletedError} when the key was deleted and
   * {@link EtcdDecodeError} when its data cannot be decoded.
   */
  peek(): Snapshot<T> | undefined {
    const snapshot = this.#store.peek();
    if (snapshot === undefined) return undefined;
    const entry = snapshot.data;
    if (this.#snapshot?.version !== snapshot.version) this.#snapshot = Object.freeze({ version: snapshot.version, data: unwrap(entry) });
    return this.#snapshot;
  }

  /**
   * Cancels the etcd watch and gives up sets still retrying. Watchers stop receiving new
   * revisions; close them as usual.
   */
  async close(): Promise<void> {
    const watch = this.#watch;
    this.#watch = 'closed';
    if (watch === undefined || watch === 'closed') return;
    await (await watch)?.cancel();
  }

  /** Closes the value, for `await using value = new EtcdValue(...)`. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** Whether {@link close} was called. */
  #closed(): boolean {
    return this.#watch === 'closed';
  }

  /** Starts the etcd watch, once. */
  #start(): void {
    if (this.#watch === undefined) this.#watch = this.#follow();
  }

  /**
   * Reads the key, then watches it from the revision after the read. On a cancelled watch (after
   * a compaction, for one) it reads and watches again; revisions older than the newest seen are
   * ignored, so nothing older is ever delivered.
   */
  async #follow(): Promise<EtcdWatch | undefined> {
    for (let attempt = 0; !this.#closed(); attempt++) {
      try {
        const read = await this.#client.get(this.#key).exec();
        const kv = read.kvs[0];
        const readRevision = Number(read.header.revision);
        if (kv !== undefined) this.#store.apply(Number(kv.mod_revision), this.#decodeKeyValue(kv));
        // Absent now but seen before: deleted since, at a revision no later than the read's.
        else if (this.#store.version > 0) this.#store.apply(readRevision, { kind: 'deleted', revision: readRevision });
        const watch = await this.#client.watch().key(this.#key).startRevision(String(readRevision + 1)).create();
        if (this.#closed()) {
          await watch.cancel();
          return undefined;
        }
        watch.on('put', (changed) => this.#store.apply(Number(changed.mod_revision), this.#decodeKeyValue(changed)));
        watch.on('delete', (changed) => {
          const revision = Number(changed.mod_revision);
          this.#store.apply(revision, { kind: 'deleted', revision });
        });
        // The client resumes a dropped connection by itself; an error means the watch was
        // cancelled (a compaction passed it, for one): read and watch again.
        watch.on('error', () => {
          if (!this.#closed()) this.#watch = this.#follow();
        });
        return watch;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, Math.min(maxRetryDelay, 50 * 2 ** attempt)));
      }
    }
    return undefined;
  }

  /** What a key-value pair from a read or the watch holds, decoded. */
  #decodeKeyValue(kv: EtcdKeyValue): Revision<T> {
    return this.#decode(Number(kv.mod_revision), kv.value);
  }

  /** What the key holds at `revision`, decoded from its bytes. */
  #decode(revision: number, bytes: Uint8Array): Revision<T> {
    try {
      return { kind: 'data', data: this.#codec.decode(bytes) };
    } catch (error) {
      return { kind: 'undecodable', revision, error };
    }
  }
}

/**
 * A watcher of an {@link EtcdValue}: MemoryValue's watcher over the local mirror, which turns a
 * deleted or undecodable revision into a typed rejection of that get; the watcher goes on. The
 * idioms (`for await`, `using`, `waitFor`) come from {@link IdiomaticWatcher}, as for every
 * implementation.
 *
 * @typeParam T - The data the value holds.
 */
export class EtcdWatcher<T> extends IdiomaticWatcher<T> {
  readonly #inner: MemoryWatcher<Revision<T>>;

  /** @internal Made by `EtcdValue.watch()` only. */
  constructor(inner: MemoryWatcher<Revision<T>>) {
    super();
    this.#inner = inner;
  }

  /**
   * As {@link MemoryWatcher.get}. A deleted key rejects the get with {@link EtcdKeyDeletedError},
   * an undecodable revision with {@link EtcdDecodeError}; either is consumed, and the watcher
   * goes on.
   */
  get(options?: GetOptions): Promise<T> {
    return this.#inner.get(options).then(unwrap);
  }

  /** As {@link MemoryWatcher.close}. */
  close(): void {
    this.#inner.close();
  }
}

/** The data of a revision, or the typed error it stands for. */
function unwrap<T>(entry: Revision<T>): T {
  switch (entry.kind) {
    case 'data':
      return entry.data;
    case 'deleted':
      throw new EtcdKeyDeletedError(entry.revision);
    case 'undecodable':
      throw new EtcdDecodeError(entry.revision, entry.error);
  }
}
