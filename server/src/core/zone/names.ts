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
 * RFC 1035 §2.3.4.
 */
export function absoluteName(text: string, origin: string | undefined): NameResult {
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
    const octets = labelOctets(label);
    if (octets > 63) return { error: `label '${label.slice(0, 20)}…' is ${octets} octets; the limit is 63 (RFC 1035 §2.3.4)` };
    total += octets + 1;
  }
  if (total > 255) return { error: `name is ${total} octets; the limit is 255 (RFC 1035 §2.3.4)` };
  return { name: lowerName(name) };
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
