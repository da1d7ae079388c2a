/**
 * LOC rdata (RFC 1876): read from its text form with the ranges BIND 9.18
 * checks, and printed as BIND prints it, which is the form the wire value
 * gives back (`d m s.fff N d m s.fff E alt.ccm size hp vp`).
 */
import type { FieldRead } from './fieldRead';

/** Defaults of RFC 1876 §3: size 1 m, horizontal precision 10 km, vertical precision 10 m, in centimetres. */
const DEFAULT_SIZES = [100, 1_000_000, 1000];
/** RFC 1876 §2: sizes up to 90,000 km; BIND checks the whole metres and lets two decimals more through (90000000.01). */
const MAX_SIZE_METRES = 90_000_000;

/** Reads one coordinate, `d [m [s[.fff]]] H`; returns thousandths of a second and the next index. */
function readCoordinate(raws: readonly string[], at: number, hemispheres: string, maxDegrees: number): { value: number; hemisphere: string; next: number } | { error: string } {
  const numbers: string[] = [];
  let i = at;
  // Up to three numbers before the hemisphere letter: the loop ends by the fourth token at the latest.
  while (i < raws.length && numbers.length < 3 && !hemispheres.includes(raws[i].toUpperCase())) numbers.push(raws[i++]);
  const hemisphere = raws[i]?.toUpperCase();
  if (numbers.length === 0 || hemisphere === undefined || !hemispheres.includes(hemisphere)) return { error: `expected degrees [minutes [seconds]] then ${hemispheres[0]} or ${hemispheres[1]}` };
  const [d, m = '0', s = '0'] = numbers;
  if (!/^\d+$/.test(d) || !/^\d+$/.test(m) || !/^\d+(?:\.\d{1,3})?$/.test(s)) return { error: `'${numbers.join(' ')}' is not degrees, minutes and seconds` };
  const [whole, fraction = ''] = s.split('.');
  const degrees = Number(d);
  const minutes = Number(m);
  const seconds = Number(whole);
  if (degrees > maxDegrees || minutes > 59 || seconds > 59) return { error: `'${numbers.join(' ')} ${hemisphere}' is out of range` };
  const value = ((degrees * 60 + minutes) * 60 + seconds) * 1000 + Number(fraction.padEnd(3, '0'));
  if (value > maxDegrees * 3_600_000) return { error: `'${numbers.join(' ')} ${hemisphere}' is past ${maxDegrees} degrees` };
  return { value, hemisphere, next: i + 1 };
}

/** A length in metres with up to two decimals and an optional `m`, in centimetres. */
function centimetres(raw: string, signed: boolean): number | undefined {
  const m = (signed ? /^(-?)(\d+)(?:\.(\d{1,2}))?m?$/ : /^()(\d+)(?:\.(\d{1,2}))?m?$/).exec(raw);
  if (!m) return undefined;
  const cm = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -cm : cm;
}

/** RFC 1876 §2: a size as a mantissa and a power of ten, both 0 to 9, of centimetres; BIND drops what does not fit. */
function sizeOctet(cm: number): number {
  let exponent = 0;
  while (exponent < 9 && cm >= 10 ** (exponent + 1)) exponent++;
  return (Math.floor(cm / 10 ** exponent) << 4) | exponent;
}

function sizeText(octet: number): string {
  const mantissa = octet >> 4;
  const exponent = octet & 0x0f;
  return exponent > 1 ? `${mantissa * 10 ** (exponent - 2)}m` : `0.${String(mantissa * 10 ** exponent).padStart(2, '0')}m`;
}

function coordinateText(value: number, positive: string, negative: string): string {
  // The equator and the prime meridian print as N and E, as BIND prints them.
  const ms = Math.abs(value);
  const fraction = ms % 1000;
  const seconds = Math.floor(ms / 1000) % 60;
  const minutes = Math.floor(ms / 60_000) % 60;
  const degrees = Math.floor(ms / 3_600_000);
  return `${degrees} ${minutes} ${seconds}.${String(fraction).padStart(3, '0')} ${value >= 0 ? positive : negative}`;
}

export function readLoc(raws: readonly string[]): FieldRead {
  const latitude = readCoordinate(raws, 0, 'NS', 90);
  if ('error' in latitude) return { error: `latitude: ${latitude.error}` };
  const longitude = readCoordinate(raws, latitude.next, 'EW', 180);
  if ('error' in longitude) return { error: `longitude: ${longitude.error}` };
  let i = longitude.next;
  const altitudeText = raws[i++];
  const altitude = altitudeText === undefined ? undefined : centimetres(altitudeText, true);
  // RFC 1876 §2: the altitude is stored as centimetres above 100,000 m below the WGS 84 spheroid, in 32 bits.
  if (altitude === undefined || altitude < -10_000_000 || altitude > 4_294_967_295 - 10_000_000) return { error: `altitude '${altitudeText ?? ''}' must be metres from -100000.00 to 42849672.95` };
  const sizes = [...DEFAULT_SIZES];
  for (let k = 0; k < 3 && i < raws.length; k++, i++) {
    const cm = centimetres(raws[i], false);
    if (cm === undefined || Math.floor(cm / 100) > MAX_SIZE_METRES) return { error: `'${raws[i]}' must be metres from 0 to 90000000` };
    sizes[k] = cm;
  }
  if (i < raws.length) return { error: `unexpected '${raws[i]}' after the LOC fields` };
  const lat = latitude.hemisphere === 'N' ? latitude.value : -latitude.value;
  const lon = longitude.hemisphere === 'E' ? longitude.value : -longitude.value;
  return { text: fieldsText(lat, lon, altitude, sizes.map(sizeOctet)) };
}

/** The text of LOC's fields: coordinates in thousandths of a second, the altitude in centimetres, the sizes as their octets. */
function fieldsText(lat: number, lon: number, altitude: number, sizes: readonly number[]): string {
  const below = altitude < 0;
  const abs = Math.abs(altitude);
  return [
    coordinateText(lat, 'N', 'S'),
    coordinateText(lon, 'E', 'W'),
    `${below ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}m`,
    ...sizes.map(sizeText),
  ].join(' ');
}

/**
 * The text form of LOC's 16 wire octets (RFC 1876 §2: version, size,
 * horizontal and vertical precision, then latitude, longitude and altitude
 * as 32-bit numbers offset by 2^31 and 10,000,000 cm). The caller reads the
 * text back, which checks the ranges as for written rdata.
 */
export function locText(octets: Uint8Array): string {
  const u32 = (at: number): number => ((octets[at] << 24) >>> 0) + (octets[at + 1] << 16) + (octets[at + 2] << 8) + octets[at + 3];
  return fieldsText(u32(4) - 2 ** 31, u32(8) - 2 ** 31, u32(12) - 10_000_000, [octets[1], octets[2], octets[3]]);
}
