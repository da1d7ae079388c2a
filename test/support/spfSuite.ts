/**
 * The openspf RFC 7208 test suite (test/fixtures/spf/rfc7208-tests.yml), read
 * into scenarios: each is a set of tests over one `zonedata`. Used by the
 * unit conformance test (in-memory DNS) and the dns tier (through Knot).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import type { Zonedata } from './zonedata';
import type { SpfResult } from '../../server/src/core/records/spf/evaluate';

export const SUITE_FILE = path.resolve(__dirname, '../../../test/fixtures/spf/rfc7208-tests.yml');

export interface SuiteTest {
  readonly name: string;
  readonly description?: string;
  readonly spec?: string;
  readonly helo: string;
  readonly host: string;
  readonly mailfrom: string;
  /** Any of these results passes: the suite lists two where the RFC allows either. */
  readonly results: readonly SpfResult[];
  /** The expected explanation; `DEFAULT` means no exp= explanation. */
  readonly explanation?: string;
}

export interface Scenario {
  readonly description: string;
  readonly tests: readonly SuiteTest[];
  readonly zonedata: Zonedata;
}

function text(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  throw new Error(`${where}: expected a string, got ${JSON.stringify(value)}`);
}

export function loadSuite(file = SUITE_FILE): Scenario[] {
  const docs = yaml.loadAll(fs.readFileSync(file, 'utf8')) as Array<Record<string, unknown>>;
  return docs.map((doc, i) => {
    const description = text(doc.description, `scenario ${i + 1}`);
    const tests = Object.entries((doc.tests ?? {}) as Record<string, Record<string, unknown>>).map(([name, t]) => {
      const where = `${description} / ${name}`;
      const result = t.result;
      const results = (Array.isArray(result) ? result : [result]).map((r) => text(r, `${where} result`) as SpfResult);
      return {
        name,
        description: typeof t.description === 'string' ? t.description : undefined,
        spec: t.spec === undefined ? undefined : String(t.spec),
        helo: text(t.helo, `${where} helo`),
        host: text(t.host, `${where} host`),
        mailfrom: text(t.mailfrom, `${where} mailfrom`),
        results,
        explanation: t.explanation === undefined ? undefined : text(t.explanation, `${where} explanation`),
      };
    });
    return { description, tests, zonedata: (doc.zonedata ?? {}) as Zonedata };
  });
}
