/**
 * The tag-list parser shared by DKIM, DMARC and the other `tag=value`
 * records: offsets, separators, recovery, and each record kind's syntax.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DKIM_TAG_SYNTAX } from '../../server/src/core/records/dkim/tags';
import { findTag, parseTagList, repeatedTags, tagRemovalRange, type TagListSyntax } from '../../server/src/core/records/tagList';

const dkim = (text: string) => parseTagList(text, DKIM_TAG_SYNTAX);

const strict: TagListSyntax = {
  whitespace: 'wsp',
  name: /^[A-Za-z]+$/,
  nameRule: 'letters',
  valueChar: (c) => c >= 0x21 && c <= 0x7e && c !== 0x3b && c !== 0x3d,
  innerWhitespace: false,
  emptyValue: false,
};

describe('parseTagList', () => {
  it('gives names, values and their offsets', () => {
    const text = ' v = DKIM1 ;k=rsa;  p=AB CD ;';
    const list = dkim(text);
    assert.deepEqual(list.errors, []);
    assert.deepEqual(
      list.tags.map((t) => [t.name, t.value, text.slice(t.nameSpan.start, t.nameSpan.end), text.slice(t.valueSpan.start, t.valueSpan.end), t.index]),
      [
        ['v', 'DKIM1', 'v', 'DKIM1', 0],
        ['k', 'rsa', 'k', 'rsa', 1],
        ['p', 'AB CD', 'p', 'AB CD', 2],
      ],
    );
    assert.deepEqual(list.separators, [11, 17, 28]);
    assert.equal(text.slice(list.tags[0].span.start, list.tags[0].span.end), 'v = DKIM1');
    assert.equal(list.tags[1].equals, 13);
  });

  it('keeps an empty value, placed after the =', () => {
    const list = dkim('v=DKIM1; p=');
    assert.deepEqual(list.errors, []);
    assert.deepEqual(list.tags[1].valueSpan, { start: 11, end: 11 });
    assert.equal(list.tags[1].value, '');
  });

  it('admits folding white space (CR LF) in DKIM only', () => {
    assert.deepEqual(dkim('v=DKIM1;\r\n p=AB\r\n CD').errors, []);
    const wsp = parseTagList('a=b;\r\n c=d', strict);
    assert.deepEqual(
      wsp.errors.map((e) => e.kind),
      ['bad-name'],
    );
  });

  it('reports every kind of error and keeps going', () => {
    const text = 'v=DKIM1;; junk; =x; 9a=1; n=ok\u0007; k=rsa';
    const list = dkim(text);
    assert.deepEqual(
      list.errors.map((e) => [e.kind, text.slice(e.span.start, e.span.end)]),
      [
        ['empty-tag', ';'],
        ['missing-equals', 'junk'],
        ['missing-name', '='],
        ['bad-name', '9a'],
        ['bad-value-char', '\u0007'],
      ],
    );
    // The tags after the broken ones are still read.
    assert.equal(findTag(list, 'k')?.value, 'rsa');
    assert.match(list.errors[4].message, /U\+0007 is not allowed in the value of 'n'/);
  });

  it('applies a syntax without inner white space or empty values', () => {
    const list = parseTagList('id=a b; e=; x=1=2', strict);
    assert.deepEqual(
      list.errors.map((e) => e.kind),
      ['inner-whitespace', 'empty-value', 'bad-value-char'],
    );
  });

  it('finds repeated tags, with or without case', () => {
    const list = dkim('p=a; P=b; p=c');
    assert.deepEqual(
      repeatedTags(list).map((t) => t.value),
      ['c'],
    );
    assert.deepEqual(
      repeatedTags(list, true).map((t) => t.value),
      ['b', 'c'],
    );
    assert.equal(findTag(list, 'P')?.value, 'b');
    assert.equal(findTag(list, 'P', true)?.value, 'a');
  });
});

describe('tagRemovalRange', () => {
  const remove = (text: string, name: string): string => {
    const list = dkim(text);
    const r = tagRemovalRange(list, findTag(list, name)!);
    return text.slice(0, r.start) + text.slice(r.end);
  };
  it('leaves a well-formed list wherever the tag stands', () => {
    assert.equal(remove('a=1; b=2; c=3', 'a'), 'b=2; c=3');
    assert.equal(remove('a=1; b=2; c=3', 'b'), 'a=1; c=3');
    assert.equal(remove('a=1; b=2; c=3', 'c'), 'a=1; b=2');
    assert.equal(remove('a=1; b=2; c=3;', 'c'), 'a=1; b=2;');
    assert.equal(remove('a=1;', 'a'), '');
    assert.equal(remove('a=1', 'a'), '');
  });
});
