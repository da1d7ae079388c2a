import type { ZoneView } from '../model/zoneView';

/**
 * A value that several zone rules compute from the same view (the zone's MX
 * records read, its mail SRV records, which MX hosts have TLSA records),
 * computed once per view instead of once per rule.
 *
 * Only rules over the whole zone may read it. A rule that checks records one
 * at a time is tracked for what each check reads through the view; a value
 * the first check computed would hide those reads from the checks after it.
 *
 * Key: the view, which never changes (an edit makes a new one). Bound: one
 * value per live view, dropped with it.
 */
export function perView<T>(compute: (view: ZoneView) => T): (view: ZoneView) => T {
  const values = new WeakMap<ZoneView, T>();
  return (view) => {
    if (values.has(view)) return values.get(view) as T;
    const value = compute(view);
    values.set(view, value);
    return value;
  };
}
