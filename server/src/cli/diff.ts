/**
 * A unified diff of two texts, line by line, for `--fix-dry-run`: the
 * output `git apply` and `patch -p1` read. The lines the texts share at the
 * start and end are set aside first; the rest is compared with Myers'
 * O(ND) algorithm, whose work is bounded by MAX_EDIT_DISTANCE.
 */

/** Beyond this many changed lines the middle is shown as removed and added whole, which is still a correct diff. */
const MAX_EDIT_DISTANCE = 1000;
const CONTEXT = 3;

type Op = { readonly t: '=' | '-' | '+'; readonly line: string; readonly a: number; readonly b: number };

/** Lines with their terminator, so a missing final newline makes a line differ. */
function lines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The edit script between a and b (Myers 1986), or undefined when it needs more than maxD changes. */
function myers(a: readonly string[], b: readonly string[], maxD: number): ('=' | '-' | '+')[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(max, maxD); d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[max + k - 1] < v[max + k + 1]) ? v[max + k + 1] : v[max + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[max + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice(max - d, max + d + 1));
        return backtrack(trace, n, m);
      }
    }
    trace.push(v.slice(max - d, max + d + 1));
  }
  return undefined;
}

function backtrack(trace: readonly Int32Array[], n: number, m: number): ('=' | '-' | '+')[] {
  const ops: ('=' | '-' | '+')[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const previous = trace[d - 1];
    const at = (k: number): number => previous[k + d - 1];
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push('=');
      x--;
      y--;
    }
    if (down) {
      ops.push('+');
      y--;
    } else {
      ops.push('-');
      x--;
    }
  }
  while (x > 0 && y > 0) {
    ops.push('=');
    x--;
    y--;
  }
  return ops.reverse();
}

/** The lines of one side of a hunk, with git's marker after a line that has no newline. */
function show(prefix: string, line: string): string {
  return line.endsWith('\n') ? `${prefix}${line}` : `${prefix}${line}\n\\ No newline at end of file\n`;
}

/** `--- a/NAME` / `+++ b/NAME` and the hunks; the empty string when the texts are equal. */
export function unifiedDiff(before: string, after: string, name: string): string {
  if (before === after) return '';
  const a = lines(before);
  const b = lines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const script = myers(midA, midB, MAX_EDIT_DISTANCE) ?? [...midA.map(() => '-' as const), ...midB.map(() => '+' as const)];
  const ops: Op[] = [];
  for (let i = 0; i < head; i++) ops.push({ t: '=', line: a[i], a: i, b: i });
  let i = head;
  let j = head;
  for (const t of script) {
    ops.push({ t, line: t === '+' ? b[j] : a[i], a: i, b: j });
    if (t !== '+') i++;
    if (t !== '-') j++;
  }
  for (; i < a.length; i++, j++) ops.push({ t: '=', line: a[i], a: i, b: j });

  let out = `--- a/${name}\n+++ b/${name}\n`;
  let index = 0;
  while (index < ops.length) {
    const firstChange = ops.findIndex((op, k) => k >= index && op.t !== '=');
    if (firstChange < 0) break;
    const start = Math.max(index, firstChange - CONTEXT);
    // The hunk runs on while the next change is within two contexts of the last one.
    let end = firstChange;
    for (let k = firstChange; k < ops.length && k <= end + 2 * CONTEXT; k++) if (ops[k].t !== '=') end = k;
    const stop = Math.min(ops.length, end + CONTEXT + 1);
    const hunk = ops.slice(start, stop);
    const oldCount = hunk.filter((op) => op.t !== '+').length;
    const newCount = hunk.filter((op) => op.t !== '-').length;
    const oldStart = oldCount === 0 ? hunk[0].a : hunk[0].a + 1;
    const newStart = newCount === 0 ? hunk[0].b : hunk[0].b + 1;
    out += `@@ -${oldStart},${oldCount} +${newStart},${newCount} @@\n`;
    for (const op of hunk) out += show(op.t === '=' ? ' ' : op.t, op.line);
    index = stop;
  }
  return out;
}
