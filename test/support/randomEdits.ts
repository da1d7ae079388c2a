/**
 * Random edits of zone files, as a person types them, for the tests that
 * check the incremental re-parse and re-analysis against the full ones.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TextChange } from '../../server/src/core/zone/parser';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures');

/** Single characters, the syntax of zone files among them. */
const TYPED = ['a', 'Z', '1', '0', ' ', '\t', '"', '\\', ';', '(', ')', '\n', '.', '-', '=', ':', '~', 'é', '@', '$', '*'];

/** Pieces of mail records, which change what the rules about them say. */
export const MAIL_TYPED = [
  ' -all',
  ' ~all',
  ' +all',
  ' include:_spf.example.com',
  ' include:spf.example.org',
  ' a:mail.example.com',
  ' mx',
  ' ptr',
  ' ip4:192.0.2.10',
  ' redirect=_spf.example.com',
  'v=spf1 ',
  'v=DMARC1; ',
  '; p=none',
  '; p=reject',
  '; pct=0',
  '; rua=mailto:reports@example.net',
  '; sp=none',
  'v=DKIM1; ',
  '; k=rsa',
  '; t=y',
  'v=STSv1; id=20261128',
  'v=TLSRPTv1; rua=mailto:tls@example.com',
  'v=BIMI1; l=https://example.com/logo.svg',
];

/** One random edit at `at`: a character typed, one to three deleted, or one replaced; `pieces` adds longer insertions. */
export function randomEdit(text: string, at: number, next: () => number, pieces: readonly string[] = []): { text: string; change: TextChange } {
  const pick = next();
  if (pieces.length > 0 && pick < 0.3) {
    const typed = pieces[Math.floor(next() * pieces.length)];
    return { text: text.slice(0, at) + typed + text.slice(at), change: { start: at, end: at, newLength: typed.length, text: typed } };
  }
  if (pick < 0.45 + (pieces.length > 0 ? 0.15 : 0)) {
    const typed = TYPED[Math.floor(next() * TYPED.length)];
    return { text: text.slice(0, at) + typed + text.slice(at), change: { start: at, end: at, newLength: typed.length, text: typed } };
  }
  if (pick < 0.75) {
    const end = Math.min(text.length, at + 1 + Math.floor(next() * 3));
    return { text: text.slice(0, at) + text.slice(end), change: { start: at, end, newLength: 0, text: '' } };
  }
  const typed = TYPED[Math.floor(next() * TYPED.length)];
  const end = Math.min(text.length, at + 1);
  return { text: text.slice(0, at) + typed + text.slice(end), change: { start: at, end, newLength: typed.length, text: typed } };
}

/** Every zone file of the rule fixtures and the clean fixtures, sorted. */
export function fixtureZones(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.zone')) out.push(file);
    }
  };
  walk(path.join(FIXTURES, 'rules'));
  walk(path.join(FIXTURES, 'clean'));
  return out.sort();
}

/** Fewer than `most` of `pieces` in a random row: a random text made of the parts that matter (line ends, quotes). */
export function piecesText(next: () => number, pieces: readonly string[], most: number): string {
  return Array.from({ length: Math.floor(next() * most) }, () => pieces[Math.floor(next() * pieces.length)]).join('');
}
