/**
 * `$GENERATE` as BIND 9.18 reads it. The expected texts are what
 * named-checkzone printed for the same directives; the differential tier
 * checks them against BIND itself, these pin them without BIND installed.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileTemplate, expand, formatNumber, MAX_RHS_CHARS, parseRange, type Template } from '../../server/src/core/zone/generate';
import { parseZone } from '../../server/src/core/zone/parser';

function compiled(template: string): Template {
  const t = compileTemplate(template);
  if ('error' in t) assert.fail(`${template}: ${t.error}`);
  return t;
}

function texts(template: string, ...values: number[]): string[] {
  const t = compiled(template);
  return values.map((v) => {
    const r = expand(t, v, MAX_RHS_CHARS);
    if ('error' in r) assert.fail(`${template} at ${v}: ${r.error}`);
    return r.text;
  });
}

const HEAD = '$TTL 300\n@ IN SOA ns hm 1 2 3 4 5\n@ IN NS ns\n';

function owners(line: string): string[] {
  const zone = parseZone(`${HEAD}${line}\n`, { origin: 'example.com.' });
  assert.deepEqual(zone.problems.map((p) => p.message), []);
  return zone.records.slice(2).map((r) => r.owner.replace(/\.example\.com\.$/, ''));
}

describe('$GENERATE numbers', () => {
  it('print a negative decimal signed, zeros after the sign', () => {
    assert.deepEqual(owners('$GENERATE 1-5 h${-10,3,d} A 192.0.2.$'), ['h-09', 'h-08', 'h-07', 'h-06', 'h-05']);
    assert.equal(formatNumber(-3, 5, 'd'), '-0003');
    assert.equal(formatNumber(-2147483648, 0, 'd'), '-2147483648');
  });

  it('print a negative number in o, x, X as its 32-bit two\'s complement', () => {
    assert.equal(formatNumber(-1, 9, 'o'), '37777777777');
    assert.equal(formatNumber(-1, 0, 'x'), 'ffffffff');
    assert.equal(formatNumber(-2, 10, 'X'), '00FFFFFFFE');
  });

  it('write a negative number\'s nibbles from its 32-bit value, so they end', () => {
    assert.equal(formatNumber(-1, 0, 'n'), 'f.f.f.f.f.f.f.f');
    assert.equal(formatNumber(-1, 20, 'N'), 'F.F.F.F.F.F.F.F.0.0.');
    assert.equal(formatNumber(10, 3, 'n'), 'a.0');
    assert.deepEqual(owners('$GENERATE 1-3 ${-2,0,n} AAAA 2001:db8::1'), ['f.f.f.f.f.f.f.f', '0', '1']);
  });
});

describe('$GENERATE ranges', () => {
  it('are read as sscanf("%u-%u%1[/]%u") reads them', () => {
    assert.deepEqual(parseRange('1-3x'), { start: 1, stop: 3, step: 1 });
    assert.deepEqual(parseRange('+1-+3/2junk'), { start: 1, stop: 3, step: 2 });
    assert.deepEqual(parseRange('4294967296-4294967298'), { start: 0, stop: 2, step: 1 });
    assert.deepEqual(parseRange('-4294967295-3'), { start: 1, stop: 3, step: 1 });
    assert.deepEqual(parseRange('1-3/4294967297'), { start: 1, stop: 3, step: 1 });
    assert.deepEqual(parseRange('0-2147483647/2147483647'), { start: 0, stop: 2147483647, step: 2147483647 });
  });

  it('are refused where BIND refuses them', () => {
    for (const range of ['3-1', '1', '1-', '1-3/', '1-3/0', '-1-3', '0x1-3', '1-2147483648', '1-3/2147483648', '"1-3"']) {
      assert.ok('error' in parseRange(range), range);
    }
  });
});

describe('$GENERATE modifiers', () => {
  it('take signs, blanks and 32-bit wrap-around as sscanf does', () => {
    assert.deepEqual(texts('${+5} ${ -5, 3} ${5,+3,x}', 1), ['6 -04 006']);
    assert.deepEqual(texts('${4294967296}|${2147483648}|${-2147483649}|${99999999999999999999}|${-99999999999999999999}', 0), ['0|-2147483648|2147483647|-1|0']);
    assert.deepEqual(texts('${0,4294967296,x}', 26), ['1a']);
  });

  it('keep their fields from the modifier before, as BIND\'s genname does', () => {
    // A plain $ after ${10} is the iterator plus 10.
    assert.deepEqual(texts('${10}-$', 1), ['11-11']);
    // A modifier whose base does not match keeps the base from the one before; one without its closing brace keeps that too.
    assert.deepEqual(texts('${1,2,x}-${3,4,q}', 10), ['0b-000d']);
    assert.deepEqual(texts('${1,2,X}-${30,4,d', 10), ['0B-0040']);
    // Everything up to the first closing brace is the modifier.
    assert.deepEqual(texts('${5}7}x', 1), ['67}x']);
  });

  it('are refused where BIND refuses them, with the reason', () => {
    const error = (template: string): string => {
      const t = compileTemplate(template);
      assert.ok('error' in t, template);
      return t.error;
    };
    for (const bad of ['${}', '${,3}', '${5,}', '${5,3,}', '${5,3,dd}', '${5,3,q}', '${5,3x}', '${5']) assert.match(error(bad), /bad \$GENERATE modifier/);
    assert.match(error('${0,128,d}'), /width of 128 does not fit/);
    assert.match(error('${0,-1,n}'), /width of 4294967295 does not fit/);
    const t = compiled('${2147483647}');
    assert.deepEqual(expand(t, 0, 100), { text: '2147483647' });
    assert.match((expand(t, 1, 100) as { error: string }).error, /out of range/);
    assert.match((expand(compiled('x$'), 1, 1) as { error: string }).error, /ran out of space/);
  });
});

describe('$GENERATE records', () => {
  it('stop at 100,000 for the whole zone, not per directive', () => {
    const zone = parseZone(`${HEAD}$GENERATE 1-60000 a$ A 192.0.2.1\n$GENERATE 1-60000 b$ A 192.0.2.1\n`, { origin: 'example.com.' });
    assert.equal(zone.records.length, 2 + 100_000);
    assert.equal(zone.problems.length, 1);
    assert.match(zone.problems[0].message, /makes 60000 records; Mailzone reads at most 100000 generated records in a zone, here the first 40000/);
  });
});
