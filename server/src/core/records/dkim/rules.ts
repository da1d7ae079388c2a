/**
 * The per-record DKIM rules (RFC 6376 §3.6.1, RFC 8301, RFC 8463). Each is
 * data plus one small check over the parse in `parse.ts`.
 */
import type { RecordTarget } from '../../rules/recordModule';
import type { Report, ReportOptions, Rule } from '../../rules/rule';
import type { Span } from '../../text/span';
import { closest } from '../suggest';
import type { DkimKey } from './key';
import { colonList, type DkimRecord } from './parse';
import { moveVersionFirst, removeKeyWhitespace, removeTag, replaceKey, setHashSha256, setKeyType, setVersion, wrapRsaKey } from './fixes';
import { DKIM_TAGS, dkimTag } from './tags';

type Target = RecordTarget<DkimRecord>;
type DkimRule = Rule<Target>;

/**
 * `_adsp._domainkey` holds an Author Domain Signing Practices record
 * (RFC 5617, moved to Historic in 2013), not a key, though it sits where a
 * selector would; the key rules would only raise false alarms there.
 */
export function isKeyRecord(t: Target): boolean {
  return !t.record.owner.startsWith('_adsp._domainkey.');
}

/** Reports on value offsets [start, end) of the record's text. */
function at(t: Target, report: Report, span: Span, message: string, options: ReportOptions = {}): void {
  report(t.txt.map.toSourceSpan(span.start, span.end), message, { ...options, file: t.record.file });
}

function whole(t: Target): Span {
  return { start: 0, end: t.txt.text.length };
}

function decodedKey(t: Target): DkimKey | undefined {
  return t.parsed.key.status === 'decoded' ? t.parsed.key.key : undefined;
}

export const dkimSyntax: DkimRule = {
  id: 'dkim-syntax',
  severity: 'error',
  summary: 'The key record breaks the tag-list grammar or repeats a tag: verifiers cannot use it.',
  rfc: 'RFC 6376 §3.2',
  check(t, report) {
    if (!isKeyRecord(t)) return;
    for (const error of t.parsed.list.errors) at(t, report, error.span, error.message);
    for (const tag of t.parsed.repeated) {
      at(t, report, tag.span, `duplicate tag '${tag.name}': a repeated tag makes the whole key record invalid`);
    }
  },
};

export const dkimVersion: DkimRule = {
  id: 'dkim-version',
  severity: 'error',
  summary: 'v= is not the first tag or is not DKIM1: verifiers discard the record.',
  rfc: 'RFC 6376 §3.6.1',
  check(t, report) {
    if (!isKeyRecord(t)) return;
    const v = t.parsed.tags.get('v');
    if (!v) return;
    if (v.value !== 'DKIM1') {
      const run = /^DKIM1[\s,]+/i.exec(v.value);
      const hint = run
        ? ` (a '${run[0].trim() || ' '}' where a ';' belongs?)`
        : v.value.toUpperCase() === 'DKIM1'
          ? ' (the comparison is case-sensitive)'
          : '';
      at(t, report, v.valueSpan, `v=${v.value}: the version must be exactly DKIM1${hint}; verifiers discard this record`, {
        fixes: setVersion(t, v),
      });
    } else if (v.index !== 0) {
      at(t, report, v.span, 'v=DKIM1 must be the first tag: verifiers may discard this record', { fixes: moveVersionFirst(t, v) });
    }
  },
};

export const dkimMissingKey: DkimRule = {
  id: 'dkim-missing-key',
  severity: 'error',
  summary: 'The key record has no p= tag: there is no key to verify with.',
  rfc: 'RFC 6376 §3.6.1',
  check(t, report) {
    if (!isKeyRecord(t) || t.parsed.key.status !== 'absent') return;
    const upper = t.parsed.tags.get('P');
    const message = upper
      ? "no p= tag: tag names are case-sensitive, and 'P=' is not 'p='"
      : 'no p= tag: the record holds no public key, so signatures with this selector fail';
    at(t, report, upper ? upper.nameSpan : whole(t), message);
  },
};

export const dkimRevoked: DkimRule = {
  id: 'dkim-revoked',
  severity: 'info',
  summary: 'An empty p= revokes the key: mail signed with this selector fails verification.',
  rfc: 'RFC 6376 §3.6.1',
  check(t, report) {
    if (!isKeyRecord(t) || t.parsed.key.status !== 'revoked') return;
    at(t, report, t.parsed.key.tag.span, 'empty p=: this key is revoked, and signatures made with this selector fail verification');
  },
};

export const dkimKeyInvalid: DkimRule = {
  id: 'dkim-key-invalid',
  severity: 'error',
  summary: 'p= is not valid base64, not a public key, or an Ed25519 key of the wrong length.',
  rfc: 'RFC 6376 §3.6.1',
  check(t, report) {
    if (!isKeyRecord(t)) return;
    // A k= verifiers do not know makes them ignore the key whatever p= holds: dkim-key-type-mismatch says so, once.
    if (t.parsed.tags.has('k') && t.parsed.keyType !== 'rsa' && t.parsed.keyType !== 'ed25519') return;
    const { key } = t.parsed;
    if (key.status === 'bad-base64') {
      at(t, report, key.span, key.message);
      return;
    }
    if (key.status !== 'decoded') return;
    if (key.key.type === 'invalid') at(t, report, key.text.tag.valueSpan, `p= is not a usable public key: ${key.key.reason}`);
    else if (key.key.type === 'unsupported') {
      at(t, report, key.text.tag.valueSpan, `p= holds an ${key.key.algorithm}: DKIM keys are RSA (k=rsa) or Ed25519 (k=ed25519)`);
    }
  },
};

export const dkimKeyTypeMismatch: DkimRule = {
  id: 'dkim-key-type-mismatch',
  severity: 'error',
  summary: 'k= names a key type other than the key in p= holds, or one verifiers do not know.',
  rfc: 'RFC 8463 §4.2',
  check(t, report) {
    if (!isKeyRecord(t)) return;
    const k = t.parsed.tags.get('k');
    const type = t.parsed.keyType;
    if (k && type !== 'rsa' && type !== 'ed25519') {
      at(t, report, k.valueSpan, `k=${k.value} is not a key type verifiers know (rsa, or ed25519 per RFC 8463): they ignore this key`);
      return;
    }
    const key = decodedKey(t);
    if (!key || (key.type !== 'rsa' && key.type !== 'ed25519') || key.type === type) return;
    const p = t.parsed.tags.get('p')!;
    const stated = k ? `k=${k.value}` : 'k= is absent, which means rsa';
    const held = key.type === 'rsa' ? `a ${key.bits}-bit RSA key` : 'an Ed25519 key';
    at(t, report, k ? k.valueSpan : p.valueSpan, `p= holds ${held} but ${stated}: verifiers cannot use the key`, {
      fixes: setKeyType(t, key.type),
    });
  },
};

export const dkimPkcs1Key: DkimRule = {
  id: 'dkim-pkcs1-key',
  severity: 'warning',
  summary: 'p= holds a bare PKCS#1 RSAPublicKey rather than the SubjectPublicKeyInfo verifiers expect.',
  rfc: 'RFC 6376 §3.6.1',
  check(t, report) {
    const key = decodedKey(t);
    if (!isKeyRecord(t) || key?.type !== 'rsa' || key.form !== 'pkcs1' || t.parsed.key.status !== 'decoded') return;
    const bytes = t.parsed.key.bytes;
    at(
      t,
      report,
      t.parsed.tags.get('p')!.valueSpan,
      'p= is a bare PKCS#1 RSAPublicKey: RFC 6376 keys are SubjectPublicKeyInfo (what `openssl rsa -pubout` prints), and some verifiers accept only that',
      { fixes: replaceKey(t, 'Wrap the key in SubjectPublicKeyInfo', wrapRsaKey(bytes)) },
    );
  },
};

export const dkimEd25519Spki: DkimRule = {
  id: 'dkim-ed25519-spki',
  severity: 'error',
  summary: 'The Ed25519 key is wrapped in SubjectPublicKeyInfo instead of being the raw 32 bytes.',
  rfc: 'RFC 8463 §4.2',
  check(t, report) {
    const key = decodedKey(t);
    if (!isKeyRecord(t) || key?.type !== 'ed25519' || key.form !== 'spki') return;
    at(
      t,
      report,
      t.parsed.tags.get('p')!.valueSpan,
      'p= holds the Ed25519 key wrapped in SubjectPublicKeyInfo (44 bytes): RFC 8463 wants only the raw 32-byte key, so verifiers fail',
      { fixes: replaceKey(t, 'Keep only the raw 32-byte key', key.raw) },
    );
  },
};

export const dkimHashSha1: DkimRule = {
  id: 'dkim-hash-sha1',
  severity: 'error',
  summary: 'h= allows only SHA-1 (or no known hash): verifiers reject every signature.',
  rfc: 'RFC 8301 §3.1',
  check(t, report) {
    const h = t.parsed.tags.get('h');
    if (!isKeyRecord(t) || !h) return;
    const hashes = colonList(h).map((i) => i.value.toLowerCase());
    if (hashes.includes('sha256')) return;
    const message = hashes.includes('sha1')
      ? `h=${h.value} allows only SHA-1, which verifiers must not accept: every signature with this key fails`
      : `h=${h.value} names no hash verifiers use (sha256): every signature with this key fails`;
    at(t, report, h.valueSpan, message, { fixes: setHashSha256(t, h) });
  },
};

export const dkimServiceType: DkimRule = {
  id: 'dkim-service-type',
  severity: 'error',
  summary: 's= lists neither email nor *: verifiers ignore the key for mail.',
  rfc: 'RFC 6376 §3.6.1',
  check(t, report) {
    const s = t.parsed.tags.get('s');
    if (!isKeyRecord(t) || !s) return;
    const services = colonList(s).map((i) => i.value.toLowerCase());
    if (services.includes('email') || services.includes('*')) return;
    if (services.includes('tlsrpt')) {
      at(t, report, s.valueSpan, 's=tlsrpt: this key signs only SMTP TLS reports (RFC 8460 §3), not mail', { severity: 'info' });
      return;
    }
    at(t, report, s.valueSpan, `s=${s.value} excludes email: mail verifiers ignore this key (use s=email or leave s= out)`);
  },
};

export const dkimTesting: DkimRule = {
  id: 'dkim-testing',
  severity: 'warning',
  summary: 't=y marks the key as in testing: verifiers treat signed mail as unsigned.',
  rfc: 'RFC 6376 §3.6.1',
  check(t, report) {
    const flags = t.parsed.tags.get('t');
    if (!isKeyRecord(t) || !flags) return;
    const y = colonList(flags).find((i) => i.value.toLowerCase() === 'y');
    if (y) at(t, report, y.span, 't=y: testing mode, so verifiers treat mail signed with this key as unsigned (and DMARC gets no DKIM pass)');
  },
};

export const dkimUnknownTag: DkimRule = {
  id: 'dkim-unknown-tag',
  severity: 'info',
  summary: 'A tag DKIM does not define: verifiers ignore it.',
  rfc: 'RFC 6376 §3.6.1',
  check(t, report) {
    if (!isKeyRecord(t)) return;
    const names = DKIM_TAGS.map((d) => d.name);
    for (const tag of t.parsed.list.tags) {
      if (dkimTag(tag.name)) continue;
      const lower = tag.name.toLowerCase();
      const hint = dkimTag(lower)
        ? ` (tag names are case-sensitive: did you mean '${lower}='?)`
        : closest(tag.name, names)
          ? ` (did you mean '${closest(tag.name, names)}='?)`
          : '';
      at(t, report, tag.nameSpan, `unknown tag '${tag.name}': verifiers ignore it${hint}`);
    }
  },
};

export const dkimHistoricG: DkimRule = {
  id: 'dkim-historic-g',
  severity: 'warning',
  summary: 'g= was removed from DKIM; old verifiers still read it, and an empty g= disables the key for them.',
  rfc: 'RFC 6376 App. C.2',
  check(t, report) {
    const g = t.parsed.tags.get('g');
    if (!isKeyRecord(t) || !g) return;
    const message =
      g.value === ''
        ? 'g= is historic (RFC 4871), and an empty g= makes RFC 4871 verifiers reject every signature; remove it'
        : 'g= is historic (RFC 4871): RFC 6376 verifiers ignore it, older ones may still read it; remove it';
    at(t, report, g.span, message, { fixes: removeTag(t, g) });
  },
};

export const dkimWhitespaceInKey: DkimRule = {
  id: 'dkim-whitespace-in-key',
  severity: 'warning',
  summary: 'White space inside the base64 of p=: a sign of a pasted or badly split key.',
  rfc: 'RFC 6376 §3.6.1',
  check(t, report) {
    const { key } = t.parsed;
    if (!isKeyRecord(t) || (key.status !== 'decoded' && key.status !== 'bad-base64') || (key.status === 'bad-base64' && key.pem)) return;
    const runs = key.text.whitespace;
    if (runs.length === 0) return;
    const where = runs.length === 1 ? '' : ` (${runs.length} places)`;
    at(
      t,
      report,
      runs[0],
      `white space inside the base64 key${where}: split a long key into several quoted strings instead, which join without spaces; some verifiers and DNS tools do not strip it`,
      { fixes: removeKeyWhitespace(t) },
    );
  },
};

export const dkimRecordRules: readonly DkimRule[] = [
  dkimSyntax,
  dkimVersion,
  dkimMissingKey,
  dkimRevoked,
  dkimKeyInvalid,
  dkimKeyTypeMismatch,
  dkimPkcs1Key,
  dkimEd25519Spki,
  dkimHashSha1,
  dkimServiceType,
  dkimTesting,
  dkimUnknownTag,
  dkimHistoricG,
  dkimWhitespaceInKey,
];
