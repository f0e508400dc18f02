/**
 * The errors of {@link EtcdValue}, recognised like the core's by their `name`.
 *
 * @module
 */

/** A revision of the key could not be decoded: that get rejects, and the watcher goes on. */
export class EtcdDecodeError extends Error {
  /** Always `'EtcdDecodeError'`. */
  override readonly name = 'EtcdDecodeError';

  /**
   * @param revision - The etcd revision whose value failed to decode.
   * @param cause - What the codec threw.
   */
  constructor(
    readonly revision: number,
    cause: unknown,
  ) {
    super(`EtcdValue: the value at revision ${revision} could not be decoded`, { cause });
  }
}

/** The key was deleted at this revision: that get rejects, and the watcher goes on. */
export class EtcdKeyDeletedError extends Error {
  /** Always `'EtcdKeyDeletedError'`. */
  override readonly name = 'EtcdKeyDeletedError';

  /** @param revision - The etcd revision that deleted the key. */
  constructor(readonly revision: number) {
    super(`EtcdValue: the key was deleted at revision ${revision}`);
  }
}

/** A set that was still retrying when the value was closed: it was not applied. */
export class EtcdValueClosedError extends Error {
  /** Always `'EtcdValueClosedError'`. */
  override readonly name = 'EtcdValueClosedError';

  constructor() {
    super('EtcdValue: the value was closed before etcd applied the set');
  }
}
