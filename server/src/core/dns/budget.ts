/**
 * A ceiling on the DNS questions one check may ask. RFC 7208 §4.6.4 bounds
 * an evaluation (10 querying terms, 10 MX or PTR names each), but a static
 * walk of a lookup tree follows every branch, including ones an evaluation
 * would never reach, and a hostile or broken zone could make that walk
 * large. The budget keeps one document's resolution bounded whatever the
 * records say; questions beyond it fail without being asked.
 */
import { failure, type DnsResponse, type RRType, type Resolver } from './resolver';

/**
 * The default ceiling: 10 terms, each an MX query plus 10 address queries
 * for both families, plus the TXT of every include and redirect, with room to
 * spare for the record queries of nested includes.
 */
export const DEFAULT_QUERY_BUDGET = 300;

export class BudgetedResolver implements Resolver {
  private asked = 0;

  constructor(private readonly inner: Resolver, readonly limit: number = DEFAULT_QUERY_BUDGET) {}

  /** Questions passed on so far. */
  get used(): number {
    return this.asked;
  }

  get exhausted(): boolean {
    return this.asked >= this.limit;
  }

  query<T extends RRType>(name: string, type: T, signal?: AbortSignal): Promise<DnsResponse<T>> {
    if (this.asked >= this.limit) {
      return Promise.resolve(failure('error', `not asked: this check reached its limit of ${this.limit} DNS queries`, 'BUDGET'));
    }
    this.asked++;
    return this.inner.query(name, type, signal);
  }
}
