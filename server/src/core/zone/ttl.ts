/**
 * TTLs: decimal seconds (RFC 1035), or BIND's units `1w2d3h4m5s`,
 * case-insensitive, which BIND also accepts in SOA timers.
 */
const UNIT_SECONDS: Record<string, number> = { w: 604800, d: 86400, h: 3600, m: 60, s: 1 };
const MAX_TTL = 2147483647; // RFC 2181 §8

export function isTtlLike(text: string): boolean {
  return /^\d+$/.test(text) || /^(?:\d+[wdhms])+\d*$/i.test(text);
}

export function parseTtl(text: string, max = MAX_TTL): { value: number } | { error: string } {
  let value: number;
  if (/^\d+$/.test(text)) {
    value = Number(text);
  } else if (/^(?:\d+[wdhms])+$/i.test(text)) {
    value = 0;
    for (const m of text.matchAll(/(\d+)([wdhms])/gi)) value += Number(m[1]) * UNIT_SECONDS[m[2].toLowerCase()];
  } else {
    return { error: `'${text}' is not a TTL: use seconds or units like 1h30m` };
  }
  if (value > max) return { error: max === MAX_TTL ? `TTL ${text} is over ${MAX_TTL}, the largest RFC 2181 §8 allows` : `'${text}' is over ${max}, the largest 32-bit value` };
  return { value };
}

/** A TTL in words for hovers: 3600 → "1 hour", 5400 → "1 hour 30 minutes". */
export function ttlInWords(seconds: number): string {
  if (seconds === 0) return '0 seconds';
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of [['week', 604800], ['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      parts.push(`${n} ${unit}${n === 1 ? '' : 's'}`);
      rest -= n * size;
    }
  }
  return parts.join(' ');
}
