/**
 * BIND's `$GENERATE start-stop[/step] lhs [ttl] [class] type rhs`: `$` is the
 * iterator, `\$` a literal dollar, `${offset[,width[,base]]}` formats it
 * with base d, o, x, X, n or N (nibbles, for reverse zones).
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

export function substitute(template: string, value: number): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === '\\' && template[i + 1] === '$') {
      out += '\\$';
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
    case 'N': {
      // Reverse nibble labels: width counts nibbles; each becomes its own label, least significant first.
      let hex = n.toString(16).padStart(Math.max(width, 1), '0');
      if (base === 'N') hex = hex.toUpperCase();
      return hex.split('').reverse().join('.');
    }
    default:
      return String(n).padStart(width, '0');
  }
}
