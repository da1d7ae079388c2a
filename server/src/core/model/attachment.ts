import type { ZoneView } from './zoneView';

/**
 * A value lent to a view while some rules run on it: the live pass attaches
 * what DNS answered (SPF trees, lookup answers, DMARC authorizations) to the
 * analysis's own view, runs the rules, and takes it back. Nothing that reads
 * the view before or after sees it, so the synchronous analysis, hover and
 * the rest never depend on DNS.
 */
export class ViewAttachment<V> {
  private readonly values = new WeakMap<ZoneView, V>();

  get(view: ZoneView): V | undefined {
    return this.values.get(view);
  }

  /** Runs `run` with `value` attached to `view`, and only then. */
  during<T>(view: ZoneView, value: V, run: () => T): T {
    this.values.set(view, value);
    try {
      return run();
    } finally {
      this.values.delete(view);
    }
  }
}
