#!/usr/bin/env node
// Checks the language contribution around the grammars: that the committed JSON grammars
// are what syntaxes/src/ generates, that every regular expression in them compiles under
// Oniguruma (VS Code compiles rules lazily, so a broken one would only fail on the line
// that reaches it), that package.json wires languages, grammars and configuration
// together, which files VS Code gives each language, and the language configuration.
//
// Prints one line per failed check and a last line "contribution: <n> checks, <m> failing";
// exits non-zero when any check fails. Run from anywhere: node test/grammar/contribution.mjs
import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GRAMMARS, render } from '../../syntaxes/src/build.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const readJson = (path) => JSON.parse(readFileSync(join(root, path), 'utf8'));
let checks = 0;
const failures = [];
function check(ok, what) {
  checks++;
  if (!ok) failures.push(what);
}

// --- The JSON grammars are current -----------------------------------------------------
for (const { source, output } of GRAMMARS) {
  const current = existsSync(output) ? readFileSync(output, 'utf8') : '';
  check(current === (await render(source)), `${posix.basename(output)} is out of date: run node syntaxes/src/build.mjs`);
}

// --- Every regular expression compiles ---------------------------------------------------
// vscode-oniguruma is the engine vscode-tmgrammar-test (and VS Code) run the grammars on.
const requireFromRunner = createRequire(createRequire(import.meta.url).resolve('vscode-tmgrammar-test/package.json'));
const onig = requireFromRunner('vscode-oniguruma');
await onig.loadWASM(readFileSync(requireFromRunner.resolve('vscode-oniguruma/release/onig.wasm')).buffer);
function* regexesOf(node, path) {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* regexesOf(item, `${path}[${i}]`);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (['match', 'begin', 'end', 'while'].includes(key) && typeof value === 'string') yield [`${path}.${key}`, value];
      else yield* regexesOf(value, `${path}.${key}`);
    }
  }
}
for (const { output } of GRAMMARS) {
  const grammar = JSON.parse(readFileSync(output, 'utf8'));
  for (const [where, regex] of regexesOf(grammar, posix.basename(output))) {
    let ok = true;
    try {
      new onig.OnigScanner([regex]).dispose();
    } catch {
      ok = false;
    }
    check(ok, `${where} does not compile: ${regex}`);
  }
}

// --- No scope is caught by a default theme's rule for another language ------------------------
// Theme selectors match by dot-separated prefix, so a region named `meta.tag.…` would take
// Dark (Visual Studio)'s grey for XML tag brackets and dim every tag value inside it. These
// are the `meta.*` selectors of VS Code's default themes (extensions/theme-defaults/themes/),
// plus `meta.embedded`, which VS Code reads as a change of language.
const themeMetaSelectors = [
  'meta.tag', 'meta.selector', 'meta.preprocessor', 'meta.structure.dictionary.key.python', 'meta.header.diff',
  'meta.diff.header', 'meta.return-type', 'meta.type.cast.expr', 'meta.type.new.expr', 'meta.object-literal.key',
  'meta.template.expression', 'meta.definition.variable.name', 'meta.jsx.children', 'meta.embedded',
];
function* scopesOf(node) {
  if (Array.isArray(node)) {
    for (const item of node) yield* scopesOf(item);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'name' || key === 'contentName') && typeof value === 'string') yield* value.split(/\s+/);
      else yield* scopesOf(value);
    }
  }
}
for (const { output } of GRAMMARS) {
  const grammar = JSON.parse(readFileSync(output, 'utf8'));
  for (const scope of new Set(scopesOf(grammar.repository ?? {}))) {
    const selector = themeMetaSelectors.find((s) => scope === s || scope.startsWith(`${s}.`));
    check(selector === undefined, `${posix.basename(output)}: scope ${scope} is coloured by the default themes' ${selector} rule`);
  }
}

// --- The grammar colours every type the parser knows ------------------------------------------
// server/src/core/zone/rrtypes.ts is the parser's table; the grammar lists every type of the
// IANA registry, so the table must stay a subset of it. The table is read as text because the
// grammar tier runs before (and without) the TypeScript build.
const { RR_TYPES: grammarTypes } = await import('../../syntaxes/src/dns-zone.grammar.mjs');
const coreTypes = [...readFileSync(join(root, 'server/src/core/zone/rrtypes.ts'), 'utf8').matchAll(/\bname: '([A-Z0-9-]+)', code: \d+/g)].map((m) => m[1]);
check(coreTypes.length >= 10, `read only ${coreTypes.length} types from server/src/core/zone/rrtypes.ts; has its layout changed?`);
for (const type of coreTypes) check(grammarTypes.includes(type), `RR type ${type} of rrtypes.ts is missing from RR_TYPES in syntaxes/src/dns-zone.grammar.mjs`);

// --- package.json wiring -------------------------------------------------------------------
const manifest = readJson('package.json');
const languages = manifest.contributes?.languages ?? [];
const grammars = manifest.contributes?.grammars ?? [];
for (const id of ['dns-zone', 'mta-sts-policy']) {
  const language = languages.find((l) => l.id === id);
  check(language !== undefined, `package.json contributes no language ${id}`);
  const grammar = grammars.find((g) => g.language === id);
  check(grammar !== undefined, `package.json contributes no grammar for ${id}`);
  if (grammar) {
    const path = join(root, grammar.path);
    check(existsSync(path), `grammar ${grammar.path} does not exist`);
    if (existsSync(path)) check(JSON.parse(readFileSync(path, 'utf8')).scopeName === grammar.scopeName, `${grammar.path} is not ${grammar.scopeName}`);
  }
  if (language?.configuration) check(existsSync(join(root, language.configuration)), `${language.configuration} does not exist`);
}
check(languages.find((l) => l.id === 'dns-zone')?.configuration === './language-configuration.json', 'dns-zone does not use ./language-configuration.json');

// --- Which language VS Code picks for a file -------------------------------------------------
// getAssociationByPath (src/vs/editor/common/services/languagesAssociations.ts): an exact
// file name wins, then the longest matching file pattern, then the longest extension; a
// pattern with a `/` is matched against the whole path, otherwise against the base name.
// Patterns are VS Code globs (src/vs/base/common/glob.ts), case-insensitive. VS Code's own
// languages are represented by the extensions they claim, since a file pattern of ours
// beats any extension: that is why `db.*` alone would take `db.ts` from TypeScript.
function globToRegExp(pattern) {
  const NO_PATH = '[^/]';
  const segment = (text) => {
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '{') {
        const end = text.indexOf('}', i);
        out += `(?:${text.slice(i + 1, end).split(',').map(segment).join('|')})`;
        i = end;
      } else if (c === '[') {
        const end = text.indexOf(']', i + 2);
        let body = text.slice(i + 1, end);
        if (body[0] === '!') body = '^' + body.slice(1);
        out += `[${body.replace(/[\\\]]/g, '\\$&')}]`;
        i = end;
      } else if (c === '*') out += `${NO_PATH}*?`;
      else if (c === '?') out += NO_PATH;
      else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    }
    return out;
  };
  const parts = pattern.split('/');
  let regex = '';
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    if (part === '**') {
      regex += `(?:/|${NO_PATH}+/${last ? `|/${NO_PATH}+` : ''})*?`;
    } else {
      regex += segment(part);
      if (!last && (parts[i + 1] !== '**' || i + 2 < parts.length)) regex += '/';
    }
  });
  return new RegExp(`^${regex}$`, 'i');
}
const builtIn = {
  typescript: ['.ts'], javascript: ['.js'], json: ['.json'], python: ['.py'], go: ['.go'], sql: ['.sql'],
  yaml: ['.yml', '.yaml'], plaintext: ['.txt'], markdown: ['.md'], shellscript: ['.sh'], ini: ['.ini'],
};
const associations = [
  ...Object.entries(builtIn).flatMap(([id, extensions]) => extensions.map((extension) => ({ id, extension }))),
  ...languages.flatMap((l) => [
    ...(l.extensions ?? []).map((extension) => ({ id: l.id, extension })),
    ...(l.filenames ?? []).map((filename) => ({ id: l.id, filename })),
    ...(l.filenamePatterns ?? []).map((pattern) => ({ id: l.id, pattern, regex: globToRegExp(pattern), onPath: pattern.includes('/') })),
  ]),
];
function languageOf(path) {
  path = path.toLowerCase();
  const name = posix.basename(path);
  let patternMatch;
  let extensionMatch;
  for (let i = associations.length - 1; i >= 0; i--) {
    const a = associations[i];
    if (a.filename !== undefined && a.filename.toLowerCase() === name) return a.id;
    if (a.pattern && (!patternMatch || a.pattern.length > patternMatch.pattern.length) && a.regex.test(a.onPath ? path : name)) patternMatch = a;
    if (a.extension && (!extensionMatch || a.extension.length > extensionMatch.extension.length) && name.endsWith(a.extension.toLowerCase())) extensionMatch = a;
  }
  return (patternMatch ?? extensionMatch)?.id ?? 'unknown';
}
const expectedLanguage = {
  '/work/example.com.zone': 'dns-zone',
  '/work/internal.zonefile': 'dns-zone',
  // BIND's own naming: db.<zone>, reverse zones by network, the stock files.
  '/work/dns/db.example.com': 'dns-zone',
  '/work/dns/DB.Example.ORG': 'dns-zone',
  '/work/dns/db.example': 'dns-zone',
  '/work/dns/db.corp.internal': 'dns-zone',
  '/work/dns/db.192.168.1': 'dns-zone',
  '/work/dns/db.10': 'dns-zone',
  '/work/dns/db.2.0.192.in-addr.arpa': 'dns-zone',
  '/work/dns/db.local': 'dns-zone',
  '/work/dns/db.root': 'dns-zone',
  // Anything named db.* in the directories BIND keeps its zones in.
  '/etc/bind/db.mycompany': 'dns-zone',
  '/etc/bind/zones/db.shop.example': 'dns-zone',
  '/var/named/db.intranet': 'dns-zone',
  '/srv/dns/zones/db.whatever': 'dns-zone',
  // Source files called db.* keep their own language.
  '/work/app/src/db.ts': 'typescript',
  '/work/app/src/db.d.ts': 'typescript',
  '/work/app/src/db.service.ts': 'typescript',
  '/work/app/src/db.config.js': 'javascript',
  '/work/app/db.test.js': 'javascript',
  '/work/app/db.json': 'json',
  '/work/app/db.py': 'python',
  '/work/app/db/db.go': 'go',
  '/work/app/db.sql': 'sql',
  '/work/app/db.yml': 'yaml',
  '/work/app/db.sqlite': 'unknown',
  '/work/app/zone.ts': 'typescript',
  // MTA-STS policy files.
  '/srv/www/mta-sts.example.com/.well-known/mta-sts.txt': 'mta-sts-policy',
  '/work/policies/mta-sts.txt': 'mta-sts-policy',
  '/work/notes.txt': 'plaintext',
  '/srv/www/.well-known/security.txt': 'plaintext',
};
for (const [path, expected] of Object.entries(expectedLanguage)) {
  const actual = languageOf(path);
  check(actual === expected, `${path} opens as ${actual}, not ${expected}`);
}

// VS Code reads the first line only when no name or pattern decides (getAssociationByFirstline).
const firstLine = new RegExp(languages.find((l) => l.id === 'dns-zone')?.firstLine ?? '(?!)');
for (const [line, expected] of [
  ['$TTL 3600', true],
  ['$ORIGIN example.com.', true],
  ['$ttl 1h', true],
  ['$TTL\t86400 ; a day', true],
  ['; zone file for example.com', false],
  ['$TTLX 3600', false],
  ['#!/bin/sh', false],
]) {
  check(firstLine.test(line) === expected, `firstLine ${expected ? 'misses' : 'matches'} ${JSON.stringify(line)}`);
}

// --- Language configuration ------------------------------------------------------------------
const config = readJson('language-configuration.json');
check(config.comments?.lineComment === ';', 'the line comment is not ;');
check(JSON.stringify(config.brackets) === JSON.stringify([['(', ')']]), 'brackets are not ( )');
for (const pair of ['(', '"']) {
  const entry = config.autoClosingPairs?.find((p) => p.open === pair);
  check(entry?.notIn?.includes('string') === true, `${pair} is auto-closed inside strings`);
  check(config.surroundingPairs?.some(([open]) => open === pair) === true, `${pair} does not surround selections`);
}
// Words are DNS names, SPF terms with their qualifier, and macros; `:`, `/` and `=` end a word,
// so the word under the cursor after `include:`, `ip4:` or `p=` is the value being typed.
const wordPattern = new RegExp(config.wordPattern, 'g');
for (const [text, words] of [
  ['mail.example.com. IN A 192.0.2.1', ['mail.example.com.', 'IN', 'A', '192.0.2.1']],
  ['"v=spf1 -all ~all +mx ?include:_spf.example.com"', ['v', 'spf1', '-all', '~all', '+mx', '?include', '_spf.example.com']],
  ['exists:%{ir}.%{l1r+-}._spf.%{d}', ['exists', '%{ir}.%{l1r+-}._spf.%{d}']],
  ['p=reject; rua=mailto:dmarc@example.com', ['p', 'reject', 'rua', 'mailto', 'dmarc@example.com']],
  ['*.wild 1h30m a\\.b\\032c my-host', ['*.wild', '1h30m', 'a\\.b\\032c', 'my-host']],
]) {
  const actual = text.match(wordPattern) ?? [];
  check(JSON.stringify(actual) === JSON.stringify(words), `words of ${JSON.stringify(text)} are ${JSON.stringify(actual)}, not ${JSON.stringify(words)}`);
}

for (const failure of failures) console.log(`✖ ${failure}`);
console.log(`contribution: ${checks} checks, ${failures.length} failing`);
process.exit(failures.length ? 1 : 0);
