/**
 * Domain names in presentation form (RFC 1035 §5.1). Names are kept as
 * absolute, lower-cased strings with a trailing dot; escapes stay as written
 * so `a\.b.example.` remains a two-label-plus name.
 */

export type NameResult = { name: string } | { error: string };

/** Splits a presentation name into labels, honouring `\.` and `\DDD` escapes. */
export function splitLabels(name: string): string[] {
  const labels: string[] = [];
  let current = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === '\\' && i + 1 < name.length) {
      current += name.slice(i, i + 2);
      i++;
    } else if (c === '.') {
      labels.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  labels.push(current);
  return labels;
}

/** The first escape BIND refuses in a label: a backslash before fewer than three digits, or at the end. */
function badEscape(label: string): string | undefined {
  for (let i = 0; i < label.length; i++) {
    if (label[i] !== '\\') continue;
    if (i + 1 === label.length) return '\\';
    if (/\d/.test(label[i + 1]) && !/^\d{3}$/.test(label.slice(i + 1, i + 4))) return label.slice(i, i + 3);
    i += /\d/.test(label[i + 1]) ? 3 : 1;
  }
  return undefined;
}

/** Octets of one label in presentation form: `\DDD` and `\X` are one octet each. */
export function labelOctets(label: string): number {
  let n = 0;
  for (let i = 0; i < label.length; i++) {
    if (label[i] === '\\') i += /^\d{3}$/.test(label.slice(i + 1, i + 4)) ? 3 : 1;
    n++;
  }
  return n;
}

/**
 * Makes `text` absolute against `origin`. `@` is the origin; a name without
 * a trailing dot is relative. Checks label (63) and name (255) lengths,
 * RFC 1035 §2.3.4. The result is in {@link canonicalName} form.
 */
export function absoluteName(text: string, origin: string | undefined): NameResult {
  const plain = plainAbsoluteName(text, origin);
  if (plain !== undefined) return { name: plain };
  let name: string;
  if (text === '@') {
    if (!origin) return { error: "'@' used but no origin is known: add $ORIGIN" };
    name = origin;
  } else if (text.endsWith('.') && !text.endsWith('\\.')) {
    name = text;
  } else {
    if (!origin) return { error: `relative name '${text}' but no origin is known: add $ORIGIN or end the name with '.'` };
    name = origin === '.' ? `${text}.` : `${text}.${origin}`;
  }
  if (name === '.') return { name };
  const labels = splitLabels(name.slice(0, -1));
  let total = 1;
  for (const label of labels) {
    if (label.length === 0) return { error: `empty label in '${text}'` };
    const escape = badEscape(label);
    if (escape) return { error: `bad escape '${escape}' in '${text}': a backslash is followed by one character or by three digits (RFC 1035 §5.1)` };
    const bad = /\\(\d{3})/.exec(label);
    if (bad && Number(bad[1]) > 255) return { error: `bad escape \\${bad[1]} in '${text}': \\DDD must be 255 or less` };
    const octets = labelOctets(canonicalLabel(label));
    if (octets > 63) return { error: `label '${label.slice(0, 20)}…' is ${octets} octets; the limit is 63 (RFC 1035 §2.3.4)` };
    total += octets + 1;
  }
  if (total > 255) return { error: `name is ${total} octets; the limit is 255 (RFC 1035 §2.3.4)` };
  return { name: canonicalName(name) };
}

/**
 * {@link absoluteName} for the names nearly every zone is made of: letters,
 * digits, `-`, `_` and `*` in labels of legal length, against an origin with
 * no escapes. It scans char codes once instead of splitting and re-joining
 * labels; anything else (escapes, `@`, empty labels, errors) returns
 * undefined and takes the general path.
 */
function plainAbsoluteName(text: string, origin: string | undefined): string | undefined {
  const n = text.length;
  if (n === 0) return undefined;
  let labelStart = 0;
  let upper = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */) {
      if (i === labelStart || i - labelStart > 63) return undefined;
      labelStart = i + 1;
    } else if (c >= 65 && c <= 90) {
      upper = true;
    } else if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95 || c === 42)) {
      return undefined;
    }
  }
  const lower = upper ? text.toLowerCase() : text;
  let name: string;
  if (labelStart === n) {
    name = lower;
  } else {
    if (n - labelStart > 63 || origin === undefined || origin.includes('\\')) return undefined;
    name = origin === '.' ? `${lower}.` : `${lower}.${origin}`;
  }
  // Without escapes every character is one octet: the wire form is the text plus the root label.
  return name.length + 1 > 255 ? undefined : name;
}

const encoder = new TextEncoder();
/** Octets BIND writes with a backslash in a name's text form. */
const SPECIAL = '.;\\()"@$';

/**
 * One spelling per name, the one BIND prints: letters lower-cased (names
 * compare case-insensitively), escapes resolved and written again only where
 * needed — `\065` is `a`, `\x` is `x`, a space is `\032`, `é` is
 * `\195\169`, and `.;\()"@$` keep a backslash. So `\065bc` and `ABC` are
 * one owner, as they are in DNS.
 */
export function canonicalName(name: string): string {
  if (name === '.') return name;
  return `${splitLabels(name.slice(0, -1)).map(canonicalLabel).join('.')}.`;
}

function canonicalLabel(label: string): string {
  if (/^[A-Za-z0-9_*-]*$/.test(label)) return label.toLowerCase();
  let out = '';
  for (let i = 0; i < label.length; i++) {
    let octets: ArrayLike<number>;
    if (label[i] === '\\' && /^\d{3}$/.test(label.slice(i + 1, i + 4))) {
      octets = [Math.min(Number(label.slice(i + 1, i + 4)), 255)];
      i += 3;
    } else {
      if (label[i] === '\\' && i + 1 < label.length) i++;
      const width = label.codePointAt(i)! > 0xffff ? 2 : 1;
      octets = encoder.encode(label.slice(i, i + width));
      i += width - 1;
    }
    for (let k = 0; k < octets.length; k++) {
      const b = octets[k];
      const c = String.fromCharCode(b);
      if (SPECIAL.includes(c)) out += `\\${c}`;
      else if (b <= 0x20 || b >= 0x7f) out += `\\${String(b).padStart(3, '0')}`;
      else out += c.toLowerCase();
    }
  }
  return out;
}

/** Lower-cases ASCII letters outside escapes: DNS names compare case-insensitively. */
export function lowerName(name: string): string {
  return name.replace(/\\\d{3}|\\.|[A-Z]+/g, (m) => (m[0] === '\\' ? m : m.toLowerCase()));
}

/** `sub.example.com.` is at or below `example.com.`. */
export function isSubdomain(name: string, parent: string): boolean {
  return name === parent || parent === '.' || name.endsWith(`.${parent}`);
}

/** The name one label up: `a.b.example.` → `b.example.`. */
export function parentName(name: string): string | undefined {
  const labels = splitLabels(name.slice(0, -1));
  if (labels.length <= 1 || name === '.') return labels.length === 1 && name !== '.' ? '.' : undefined;
  return `${labels.slice(1).join('.')}.`;
}
