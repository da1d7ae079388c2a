import type { TextEdit } from '../rules/rule';
import type { Analysis } from '../service';

/**
 * "Bump SOA serial": a YYYYMMDDnn serial moves to today's date (nn = 00), or
 * up by one when it already holds today or a later date; any other serial
 * goes up by one. Serial arithmetic wraps at 2^32 (RFC 1982).
 */
export function bumpSerial(analysis: Analysis, today: Date): TextEdit | undefined {
  const soa = analysis.zone.records.find((r) => r.type === 'SOA' && !r.file);
  const token = soa?.rdata[2];
  if (!soa || !token || !/^\d+$/.test(token.raw)) return undefined;
  return { span: token.span, newText: String(nextSerial(Number(token.raw), today)) };
}

export function nextSerial(serial: number, today: Date): number {
  const date = today.getUTCFullYear() * 10000 + (today.getUTCMonth() + 1) * 100 + today.getUTCDate();
  const text = String(serial);
  if (text.length === 10 && /^(19|20|21)\d{6}\d\d$/.test(text)) {
    const day = Math.floor(serial / 100);
    if (day < date) return date * 100;
  }
  return (serial + 1) % 2 ** 32;
}
