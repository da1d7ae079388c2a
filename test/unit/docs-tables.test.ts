/**
 * The data tables that hover and completion read are the documentation:
 * this walks every entry — SPF terms, qualifiers, macro letters, provider
 * includes, and the tag table of every record kind (found by importing each
 * `records/<kind>/tags.ts`) — and fails on any entry without a description
 * or an RFC section. For the SPF tables it also asks the hover and the
 * completion, through the service, and checks each entry's text reaches the
 * user.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { complete } from '../../server/src/core/features/completion';
import { hover } from '../../server/src/core/features/hover';
import { rfcLink } from '../../server/src/core/text/answers';
import { escapeMarkdown, MACRO_RFC, QUALIFIER_RFC, SPF_RESULTS, SPF_VERSION_DOC } from '../../server/src/core/records/spf/hover';
import { MACRO_LETTERS, parseDomainSpec } from '../../server/src/core/records/spf/macro';
import { SPF_PROVIDERS } from '../../server/src/core/records/spf/providers';
import { QUALIFIERS, SPF_TERMS } from '../../server/src/core/records/spf/terms';
import { analyzeDocument } from '../../server/src/core/service';

/** A section of a standard: `RFC 7208 §5.2`, `RFC 9989 App. A.6`, `BIMI draft §5.3`. */
const CITATION = /^(?:RFC \d+|[A-Z]+ draft) (?:§\d+|App\. [A-Z])(?:\.\d+)*(?=$|[ ,;])/;

function nonEmpty(value: unknown): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}

const ZONE_HEAD = `$ORIGIN example.com.
$TTL 3600
@    IN SOA ns1 hostmaster 1 7200 3600 1209600 300
     IN NS  ns1
ns1  IN A   192.0.2.53
`;

/** The hover at the `|` in an SPF record at example.com. */
function spfHoverAt(record: string): string | undefined {
  const line = `@ IN TXT "${record}"\n`;
  const text = ZONE_HEAD + line.replace('|', '');
  const offset = ZONE_HEAD.length + line.indexOf('|');
  return hover(analyzeDocument({ text }, { dmarcStandard: 'rfc9989' }), offset)?.markdown;
}

/** A written example of each term, so the hover has something to explain. */
const TERM_SAMPLES: Readonly<Record<string, string>> = {
  all: '-all',
  include: 'include:_spf.example.com',
  a: 'a',
  mx: 'mx',
  ptr: 'ptr',
  ip4: 'ip4:192.0.2.0/24',
  ip6: 'ip6:2001:db8::/32',
  exists: 'exists:%{i}.example.com',
  redirect: 'redirect=_spf.example.com',
  exp: 'exp=why.example.com',
};

describe('SPF term table', () => {
  for (const def of SPF_TERMS) {
    it(`${def.name}: documented, and its hover and completion show it`, () => {
      assert.ok(nonEmpty(def.description), 'description');
      assert.ok(nonEmpty(def.syntax) && def.syntax.includes(def.name), 'syntax');
      assert.match(def.rfc, CITATION);
      if (def.dnsLookup) assert.ok(nonEmpty(def.query), 'a DNS-querying term says what it queries');
      const sample = TERM_SAMPLES[def.name];
      assert.ok(sample, `a sample of '${def.name}' for this test`);
      const qualified = /^[-~?+]/.test(sample) ? 1 : 0;
      const markdown = spfHoverAt(`v=spf1 ${sample.slice(0, qualified + 1)}|${sample.slice(qualified + 1)}`);
      assert.ok(markdown !== undefined, `hover of ${sample}`);
      assert.ok(markdown.includes(def.description), `hover of ${sample} shows the description`);
      assert.ok(markdown.includes(rfcLink(def.rfc)), `hover of ${sample} links ${def.rfc}`);
      if (def.default) assert.ok(markdown.includes(def.default), 'hover shows the default');
    });
  }

  it('every term is offered after v=spf1 with its documentation', () => {
    const text = `${ZONE_HEAD}@ IN TXT "v=spf1 "\n`;
    const items = complete(analyzeDocument({ text }, { dmarcStandard: 'rfc9989' }), text.length - 2);
    for (const def of SPF_TERMS) {
      const item = items.find((i) => i.label.replace(/^[-~?+]/, '').replace(/[:=]$/, '') === def.name);
      assert.ok(item, `${def.name} is offered`);
      assert.ok(item.documentation?.includes(def.description) && item.documentation.includes(rfcLink(def.rfc)), `${def.name} carries its documentation`);
    }
  });
});

describe('SPF qualifiers and results', () => {
  for (const q of QUALIFIERS) {
    it(`'${q.qualifier}' (${q.result}): documented, with what the result means for the mail`, () => {
      assert.ok(nonEmpty(q.description));
      const result = SPF_RESULTS.find((r) => r.result === q.result);
      assert.ok(result && nonEmpty(result.meaning), `the meaning of ${q.result}`);
      assert.match(result.rfc, CITATION);
      const markdown = spfHoverAt(`v=spf1 |${q.qualifier}mx`);
      assert.ok(markdown !== undefined && markdown.includes(q.description), 'hover shows the qualifier');
      assert.ok(markdown.includes(result.meaning) && markdown.includes(rfcLink(result.rfc)) && markdown.includes(rfcLink(QUALIFIER_RFC)), 'hover shows the result, linked');
    });
  }

  it('every result a qualifier gives is documented once', () => {
    assert.deepEqual(SPF_RESULTS.map((r) => r.result).sort(), QUALIFIERS.map((q) => q.result).sort());
  });
});

describe('SPF macro letters', () => {
  for (const m of MACRO_LETTERS) {
    it(`%{${m.letter}}: documented, and its hover shows it`, () => {
      assert.ok(nonEmpty(m.description));
      const markdown = spfHoverAt(`v=spf1 exists:%{|${m.letter}}.example.com -all`);
      assert.ok(markdown !== undefined && markdown.includes(escapeMarkdown(m.description)), 'hover shows the letter');
      assert.ok(markdown.includes(rfcLink(MACRO_RFC.letters)), 'hover links the section');
    });
  }

  it('the macro sections and the version tag are cited', () => {
    for (const cite of Object.values(MACRO_RFC)) assert.match(cite, CITATION);
    assert.match(SPF_VERSION_DOC.rfc, CITATION);
    assert.ok(spfHoverAt('v=sp|f1 -all')?.includes(SPF_VERSION_DOC.description));
  });
});

describe('SPF provider includes', () => {
  for (const p of SPF_PROVIDERS) {
    it(`${p.provider}${p.variant ? ` (${p.variant})` : ''}: include:${p.include}`, () => {
      assert.ok(nonEmpty(p.provider) && nonEmpty(p.description));
      const spec = parseDomainSpec(p.include, 0, p.include.length, 'include:');
      assert.deepEqual(spec.errors, [], 'the include is a valid domain-spec');
      assert.ok(!spec.hasMacros && !spec.trailingDot && p.include === p.include.toLowerCase());
      // A number is only ever written with where it comes from; otherwise the cost is 'varies'.
      if (typeof p.lookups === 'number') assert.ok(nonEmpty(p.lookupsSource), 'a documented cost names its source');
      else assert.equal(p.lookups, 'varies');
    });
  }

  it('no include is listed twice, and providers with several variants name them', () => {
    assert.equal(new Set(SPF_PROVIDERS.map((p) => p.include)).size, SPF_PROVIDERS.length);
    for (const p of SPF_PROVIDERS) {
      const same = SPF_PROVIDERS.filter((o) => o.provider === p.provider);
      if (same.length > 1) assert.ok(nonEmpty(p.variant), `${p.include} names its variant of ${p.provider}`);
    }
  });
});

describe('tag tables of every record kind', () => {
  const sourceDir = path.resolve(__dirname, '../../../server/src/core/records');
  const compiledDir = path.resolve(__dirname, '../../server/src/core/records');
  const kinds = fs.readdirSync(sourceDir).filter((k) => fs.existsSync(path.join(sourceDir, k, 'tags.ts')));

  it('finds the tag tables of the kinds that have them', () => {
    for (const kind of ['dkim', 'dmarc', 'mtasts', 'tlsrpt', 'bimi']) assert.ok(kinds.includes(kind), `records/${kind}/tags.ts`);
  });

  for (const kind of kinds) {
    it(`records/${kind}/tags.ts: every tag has a description, an RFC section and meanings for its values`, () => {
      const exports = require(path.join(compiledDir, kind, 'tags.js')) as Record<string, unknown>;
      // A tag table is an exported array of entries with a name.
      const tables = Object.entries(exports).filter(
        (e): e is [string, Record<string, unknown>[]] => Array.isArray(e[1]) && e[1].length > 0 && e[1].every((x) => typeof x === 'object' && x !== null && typeof (x as { name?: unknown }).name === 'string'),
      );
      assert.ok(tables.length > 0, `records/${kind}/tags.ts exports a tag table`);
      const problems: string[] = [];
      for (const [table, entries] of tables) {
        for (const entry of entries) {
          const where = `${table} ${String(entry.name)}`;
          if (!nonEmpty(entry.summary ?? entry.description)) problems.push(`${where}: no description`);
          problems.push(...citationProblems(where, entry));
          for (const value of (entry.values as { value?: unknown; meaning?: unknown }[] | undefined) ?? []) {
            if (!nonEmpty(value.meaning)) problems.push(`${where}=${String(value.value)}: no meaning`);
          }
          if ('historic' in entry && !nonEmpty(entry.historic)) problems.push(`${where}: historic without a reason`);
        }
      }
      assert.deepEqual(problems, []);
    });
  }
});

/**
 * `rfc` is one citation, or one per standard (DMARC: RFC 7489 and RFC 9989);
 * with a per-standard `status`, every standard that defines the tag cites it.
 */
function citationProblems(where: string, entry: Record<string, unknown>): string[] {
  const rfc = entry.rfc;
  if (typeof rfc === 'string') return CITATION.test(rfc) ? [] : [`${where}: '${rfc}' is not an RFC section`];
  if (typeof rfc !== 'object' || rfc === null || Object.keys(rfc).length === 0) return [`${where}: no RFC section`];
  const cites = rfc as Record<string, unknown>;
  const problems = Object.entries(cites)
    .filter(([, cite]) => typeof cite !== 'string' || !CITATION.test(cite))
    .map(([standard, cite]) => `${where}: '${String(cite)}' (${standard}) is not an RFC section`);
  const status = entry.status as Record<string, string> | undefined;
  for (const [standard, state] of Object.entries(status ?? {})) {
    if (state !== 'absent' && !(standard in cites)) problems.push(`${where}: no RFC section for ${standard}, where it is ${state}`);
  }
  return problems;
}
