/**
 * The settings VS Code shows (package.json `contributes.configuration`) are
 * the settings the server reads: same keys, same defaults, same choices, and
 * one `mailzone.rules.<id>` entry per rule with that rule's default severity.
 * When this fails after adding a rule: npm run compile && node scripts/gen-settings.mjs
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { everyRule } from '../../server/src/core/analysis/rulesIndex';

const allRules = everyRule();
import {
  SEVERITY_SETTINGS,
  analyzeSettings,
  GENERAL_CATEGORIES,
  configurationContribution,
  contributedProperties,
  defaultSettings,
  generalSettings,
  parseSettings,
  withTrust,
} from '../../server/src/settings';

const root = path.resolve(__dirname, '../../..');
type Property = { type?: string; default?: unknown; enum?: unknown[]; markdownDescription?: string };
type Category = { id: string; title: string; order: number; properties: Record<string, Property> };

function manifestCategories(): Category[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const configuration = manifest.contributes?.configuration;
  assert.ok(Array.isArray(configuration), 'package.json contributes.configuration is not an array of categories');
  return configuration;
}

function manifestProperties(): Record<string, Property> {
  return Object.assign({}, ...manifestCategories().map((c) => c.properties));
}

const REGENERATE = 'run: npm run compile && node scripts/gen-settings.mjs';

describe('settings parity', () => {
  it('package.json has exactly the server settings', () => {
    assert.deepEqual(Object.keys(manifestProperties()).sort(), Object.keys(contributedProperties()).sort(), REGENERATE);
  });

  it('every setting has the server default, type and choices', () => {
    const manifest = manifestProperties();
    for (const [key, wanted] of Object.entries(contributedProperties())) {
      const got = manifest[key];
      assert.ok(got, `${key} missing; ${REGENERATE}`);
      assert.deepEqual(got.default, wanted.default, `${key} default`);
      assert.equal(got.type, wanted.type, `${key} type`);
      assert.deepEqual(got.enum, wanted.enum, `${key} enum`);
      assert.ok(typeof got.markdownDescription === 'string' && got.markdownDescription.length > 0, `${key} has no markdownDescription`);
    }
  });

  it('has one rules entry per rule, defaulting to its severity, described by its summary and RFC section', () => {
    const manifest = manifestProperties();
    const ruleKeys = Object.keys(manifest).filter((k) => k.startsWith('mailzone.rules.'));
    assert.deepEqual(ruleKeys.sort(), allRules.map((r) => `mailzone.rules.${r.id}`).sort(), REGENERATE);
    for (const rule of allRules) {
      const entry = manifest[`mailzone.rules.${rule.id}`];
      assert.equal(entry.default, rule.severity, rule.id);
      assert.deepEqual(entry.enum, [...SEVERITY_SETTINGS], rule.id);
      assert.ok(entry.markdownDescription?.includes(rule.summary) && entry.markdownDescription.includes(rule.rfc), `${rule.id} description`);
      assert.ok(entry.markdownDescription!.includes(`${rule.id}.md)`), `${rule.id} links its page`);
    }
  });

  it('is grouped into categories: the general ones, then one per rule family with every rule of that family', () => {
    const categories = manifestCategories();
    assert.deepEqual(categories, configurationContribution(), REGENERATE);
    assert.deepEqual(
      categories.slice(0, GENERAL_CATEGORIES.length).map((c) => c.title),
      GENERAL_CATEGORIES.map((c) => c.title),
    );
    assert.deepEqual(categories.map((c) => c.order), categories.map((_, i) => i));
    assert.equal(new Set(categories.map((c) => c.id)).size, categories.length, 'category ids are unique');
    for (const category of categories.slice(GENERAL_CATEGORIES.length)) {
      assert.match(category.title, /^Rules: /);
      const family = category.id.replace(/^mailzone\.rules\./, '');
      for (const key of Object.keys(category.properties)) {
        const rule = key.replace(/^mailzone\.rules\./, '');
        // Each rule sits under the family its id names (mtasts-policy- before mtasts-, zone/txt/cname together).
        const prefix = rule.startsWith('mtasts-policy-') ? 'mtasts-policy' : /^(zone|txt|cname)-/.test(rule) ? 'zone' : rule.split('-')[0];
        assert.equal(prefix, family, `${key} is under ${category.title}`);
      }
    }
    for (const category of categories.slice(0, GENERAL_CATEGORIES.length)) {
      assert.ok(Object.keys(category.properties).length > 0, `${category.title} is empty`);
      assert.ok(Object.keys(category.properties).every((k) => !k.startsWith('mailzone.rules.')), `${category.title} holds no rules`);
    }
  });

  it('the general defaults are the ones the server starts with', () => {
    const byKey = new Map(generalSettings.map((s) => [s.key, s.default]));
    assert.equal(byKey.get('dmarc.standard'), defaultSettings.dmarcStandard);
    assert.equal(byKey.get('dns.enabled'), defaultSettings.dns.enabled);
    assert.deepEqual(byKey.get('dns.servers'), defaultSettings.dns.servers);
    assert.equal(byKey.get('dns.timeoutMs'), defaultSettings.dns.timeoutMs);
    assert.equal(byKey.get('analysis.timeoutMs'), defaultSettings.analysis.timeoutMs);
    assert.equal(byKey.get('format.enable'), defaultSettings.format.enable);
    assert.equal(byKey.get('trace.server'), 'off');
  });
});

describe('reading settings', () => {
  it('reads the mailzone section as clients send it', () => {
    const settings = parseSettings({
      dmarc: { standard: 'rfc7489' },
      dns: { enabled: false, servers: [' 127.0.0.1:5353 ', 7, ''], timeoutMs: 500 },
      analysis: { timeoutMs: 250 },
      format: { enable: true },
      rules: { 'zone-syntax': 'warning', 'spf-ptr': 'off', 'dkim-testing': 'loud' },
    });
    assert.deepEqual(settings, {
      dmarcStandard: 'rfc7489',
      analysis: { timeoutMs: 250 },
      dns: { enabled: false, servers: ['127.0.0.1:5353'], timeoutMs: 500 },
      format: { enable: true },
      rules: { 'zone-syntax': 'warning', 'spf-ptr': 'off' },
    });
  });

  it('falls back to the defaults for anything missing or malformed', () => {
    assert.deepEqual(parseSettings(undefined), defaultSettings);
    assert.deepEqual(parseSettings({ dmarc: 'x', dns: { timeoutMs: -1, enabled: 'yes' }, analysis: { timeoutMs: 'soon' }, format: { enable: 'yes' }, rules: [] }), defaultSettings);
  });

  it('turns DNS off in an untrusted workspace', () => {
    assert.equal(withTrust(defaultSettings, false).dns.enabled, false);
    assert.equal(withTrust(defaultSettings, true).dns.enabled, true);
  });

  it('passes on only the levels that differ from a rule default', () => {
    const rule = allRules[0];
    const other = SEVERITY_SETTINGS.find((level) => level !== rule.severity && level !== 'off')!;
    assert.deepEqual(analyzeSettings(parseSettings({ rules: { [rule.id]: rule.severity } })).severities, {});
    assert.deepEqual(analyzeSettings(parseSettings({ rules: { [rule.id]: other } })).severities, { [rule.id]: other });
    assert.deepEqual(analyzeSettings(parseSettings({ rules: { [rule.id]: 'off' } })).severities, { [rule.id]: 'off' });
  });
});
