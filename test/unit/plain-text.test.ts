/** Plain-text forms of hovers and snippets, for editors that declare no Markdown or snippet support. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markdownToText, snippetToText } from '../../server/src/plainText';

describe('markdownToText', () => {
  it('drops bold, inline code, fences and heading marks, and keeps links as text <address>', () => {
    const markdown = '**include** — mechanism\n\n`[qualifier]include:<domain-spec>`\n\n```text\ninclude:_spf.example.com — 1 lookup\n```\n\n### Tags\n[RFC 7208 §5.2](https://www.rfc-editor.org/rfc/rfc7208#section-5.2)';
    assert.equal(
      markdownToText(markdown),
      'include — mechanism\n\n[qualifier]include:<domain-spec>\n\ninclude:_spf.example.com — 1 lookup\n\nTags\nRFC 7208 §5.2 <https://www.rfc-editor.org/rfc/rfc7208#section-5.2>',
    );
  });

  it('keeps the underscores and single stars of DNS names and SPF macros, and unescapes', () => {
    assert.equal(markdownToText('`_dmarc.*.example.com` and %{i}._spf, a\\*b'), '_dmarc.*.example.com and %{i}._spf, a*b');
    assert.equal(markdownToText('[https://example.com/](https://example.com/)'), '<https://example.com/>');
  });
});

describe('snippetToText', () => {
  it('writes the first choice, the placeholder text, nothing for tab stops, and unescapes', () => {
    assert.equal(snippetToText('v=DMARC1; p=${1|none,quarantine,reject|}; rua=mailto:${2:dmarc-reports@example.com}'), 'v=DMARC1; p=none; rua=mailto:dmarc-reports@example.com');
    assert.equal(snippetToText('a$1b${2}c$0'), 'abc');
    assert.equal(snippetToText('${1:outer ${2:inner} end} \\$5 \\} x'), 'outer inner end $5 } x');
    assert.equal(snippetToText('${1|a\\,b,c|}'), 'a,b');
  });

  it('keeps what is not snippet syntax, and an unclosed placeholder ends the text', () => {
    assert.equal(snippetToText('100$ and ${x} and %{d}'), '100$ and ${x} and %{d}');
    assert.equal(snippetToText('${1:never closed'), 'never closed');
  });
});
