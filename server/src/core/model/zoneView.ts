import type { ResourceRecord, Zone } from '../zone/ast';
import { classify, type MailKind } from './classify';
import type { WorkspaceZones } from './workspace';

export type DmarcStandard = 'rfc9989' | 'rfc7489';

export interface AnalysisOptions {
  /** Which DMARC standard decides where RFC 7489 and RFC 9989 differ. */
  readonly dmarcStandard: DmarcStandard;
  /** Other zones the host has loaded, for cross-zone checks (see workspace.ts); none when absent. */
  readonly workspace?: WorkspaceZones;
}

export const defaultAnalysisOptions: AnalysisOptions = { dmarcStandard: 'rfc9989' };

/**
 * The zone as rules see it: records grouped by owner and by mail kind, and a
 * per-record cache so each record's text is parsed once however many rules
 * read it.
 */
export class ZoneView {
  readonly byOwner = new Map<string, ResourceRecord[]>();
  private readonly kinds = new Map<ResourceRecord, MailKind>();
  private readonly byKind = new Map<MailKind, ResourceRecord[]>();
  private readonly byType = new Map<string, ResourceRecord[]>();
  private readonly memo = new Map<ResourceRecord, Map<string, unknown>>();

  constructor(readonly zone: Zone, readonly options: AnalysisOptions = defaultAnalysisOptions) {
    for (const record of zone.records) {
      let list = this.byOwner.get(record.owner);
      if (!list) this.byOwner.set(record.owner, (list = []));
      list.push(record);
      let typed = this.byType.get(record.type);
      if (!typed) this.byType.set(record.type, (typed = []));
      typed.push(record);
      if (!record.txt) continue;
      const kind = classify(record);
      if (kind) {
        this.kinds.set(record, kind);
        let same = this.byKind.get(kind);
        if (!same) this.byKind.set(kind, (same = []));
        same.push(record);
      }
    }
  }

  recordsAt(owner: string, type?: string): ResourceRecord[] {
    const all = this.byOwner.get(owner.toLowerCase()) ?? [];
    return type ? all.filter((r) => r.type === type) : all;
  }

  /** The records of one type (`MX`, `SRV`), in file order. */
  ofType(type: string): readonly ResourceRecord[] {
    return this.byType.get(type) ?? [];
  }

  kindOf(record: ResourceRecord): MailKind | undefined {
    return this.kinds.get(record);
  }

  ofKind(kind: MailKind): readonly ResourceRecord[] {
    return this.byKind.get(kind) ?? [];
  }

  /** Computes `compute()` once per record and key. */
  cached<T>(record: ResourceRecord, key: string, compute: () => T): T {
    let entry = this.memo.get(record);
    if (!entry) this.memo.set(record, (entry = new Map()));
    if (!entry.has(key)) entry.set(key, compute());
    return entry.get(key) as T;
  }
}
