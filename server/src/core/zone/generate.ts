/**
 * BIND's `$GENERATE start-stop[/step] lhs [ttl] [class] type rhs`: `$` is the
 * iterator, `\$` or `$$` a literal dollar, `${offset[,width[,base]]}` formats
 * it with base d, o, x, X, n or N (nibbles, for reverse zones). The rhs is
 * one token, quoted when it has spaces.
 */

export interface GenerateRange {
  start: number;
  stop: number;
  step: number;
}

export function parseRange(text: string): GenerateRange | { error: string } {
  const m = /^(\d+)-(\d+)(?:\/(\d+))?$/.exec(text);
  if (!m) return { error: `'${text}' is not a $GENERATE range: use start-stop or start-stop/step` };
  const start = Number(m[1]);
  const stop = Number(m[2]);
  const step = m[3] === undefined ? 1 : Number(m[3]);
  if (stop < start) return { error: `$GENERATE range ${text} runs backwards` };
  if (step < 1) return { error: '$GENERATE step must be at least 1' };
  return { start, stop, step };
}

/** Checks a template once, before expansion, so a bad one is reported once and not per value. */
export function templateError(template: string): string | undefined {
  for (const m of template.matchAll(/(\\*)\$\{([^}]*)\}?/g)) {
    if (m[1].length % 2 === 1) continue;
    if (!m[0].endsWith('}')) return `unterminated '\${' in $GENERATE template '${template}'`;
    if (!/^-?\d+(?:,\d+(?:,[doxXnN])?)?$/.test(m[2])) return `bad modifier '\${${m[2]}}' in $GENERATE template: use \${offset,width,base}`;
  }
  return undefined;
}

/**
 * Expands a template for one value, as BIND's `genname` does: `$$` is a
 * literal dollar, a backslash is copied with the character after it (so
 * `\$` stays an escaped dollar for the name or rdata parser to resolve),
 * and `$` or `${offset,width,base}` is the value.
 */
export function substitute(template: string, value: number): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === '\\') {
      out += template.slice(i, i + 2);
      i++;
    } else if (c === '$' && template[i + 1] === '$') {
      out += '$';
      i++;
    } else if (c === '$' && template[i + 1] === '{') {
      const close = template.indexOf('}', i);
      const [offset = '0', width = '0', base = 'd'] = template.slice(i + 2, close).split(',');
      out += format(value + Number(offset), Number(width), base);
      i = close;
    } else if (c === '$') {
      out += String(value);
    } else {
      out += c;
    }
  }
  return out;
}

function format(n: number, width: number, base: string): string {
  switch (base) {
    case 'o':
      return n.toString(8).padStart(width, '0');
    case 'x':
      return n.toString(16).padStart(width, '0');
    case 'X':
      return n.toString(16).toUpperCase().padStart(width, '0');
    case 'n':
    case 'N':
      return nibbles(n, width, base === 'N');
    default:
      return String(n).padStart(width, '0');
  }
}

/**
 * Reverse nibble labels, least significant first, as BIND writes them:
 * `width` counts output characters, dots included, so `${0,3,n}` of 10 is
 * `a.0` and `${0,4,n}` is `a.0.` (which ends the name). Nibbles continue
 * while the value has bits left or the width is not used up.
 */
function nibbles(n: number, width: number, upper: boolean): string {
  const digits = upper ? '0123456789ABCDEF' : '0123456789abcdef';
  let out = '';
  let value = n;
  let left = width;
  do {
    out += digits[value & 0x0f];
    value = Math.floor(value / 16);
    if (left > 0) left--;
    if (left > 0 || value !== 0) {
      out += '.';
      if (left > 0) left--;
    }
  } while (value !== 0 || left > 0);
  return out;
}

/**
 * The text of a quoted `$GENERATE` template the way BIND's lexer hands it
 * on: escapes stay as written except `\"`, which becomes `"`. The expanded
 * text is then read as rdata, so `"10 mail$"` is two fields.
 */
export function quotedTemplate(raw: string): string {
  const inner = raw.length >= 2 && raw.endsWith('"') ? raw.slice(1, -1) : raw.slice(1);
  let out = '';
  let escaped = false;
  for (const ch of inner) {
    if (ch === '"' && escaped) {
      out = `${out.slice(0, -1)}"`;
      escaped = false;
    } else {
      escaped = ch === '\\' && !escaped;
      out += ch;
    }
  }
  return out;
}
