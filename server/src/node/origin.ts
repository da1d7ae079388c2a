/**
 * A zone file often has no `$ORIGIN`: the server configuration supplies it
 * (`zone "example.com" { file "db.example.com"; }`). The file name follows
 * one of two conventions that name the zone, so the origin can be guessed
 * from it; without a guess every relative owner would be an error.
 */
import * as path from 'node:path';

const LABEL = /^(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)$/;

/**
 * `db.example.com` → `example.com.`; `example.com.zone` and
 * `example.com.zonefile` → `example.com.`; anything else → undefined.
 * Names whose last label is numeric (`db.127`, `db.192.168.1`) are reverse
 * zones written in a shorthand that does not name the zone, so no guess.
 */
export function guessOrigin(file: string): string | undefined {
  const base = path.basename(file).toLowerCase();
  const suffix = /^(.+)\.(?:zone|zonefile)$/.exec(base);
  let name = suffix ? suffix[1] : base;
  // `db.` is a prefix convention only; `db.example.com.zone` names example.com too.
  if (name.startsWith('db.')) name = name.slice(3);
  else if (!suffix) return undefined;
  if (!name) return undefined;
  const labels = name.split('.');
  if (!labels.every((label) => LABEL.test(label))) return undefined;
  if (/^\d+$/.test(labels[labels.length - 1])) return undefined;
  return `${name}.`;
}
