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
  configurationContribution,
  defaultSettings,
  generalSettings,
  parseSettings,
  withTrust,
} from '../../server/src/settings';

const root = path.resolve(__dirname, '../../..');
type Property = { type?: string; default?: unknown; enum?: unknown[]; description?: string };

function manifestProperties(): Record<string, Property> {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const configuration = manifest.contributes?.configuration;
  assert.ok(configuration, 'package.json has no contributes.configuration');
  assert.equal(configuration.title, 'Mailzone');
  return configuration.properties;
}

const REGENERATE = 'run: npm run compile && node scripts/gen-settings.mjs';

describe('settings parity', () => {
  it('package.json has exactly the server settings', () => {
    assert.deepEqual(Object.keys(manifestProperties()).sort(), Object.keys(configurationContribution().properties).sort(), REGENERATE);
  });

  it('every setting has the server default, type and choices', () => {
    const manifest = manifestProperties();
    for (const [key, wanted] of Object.entries(configurationContribution().properties)) {
      const got = manifest[key];
      assert.ok(got, `${key} missing; ${REGENERATE}`);
      assert.deepEqual(got.default, wanted.default, `${key} default`);
      assert.equal(got.type, wanted.type, `${key} type`);
      assert.deepEqual(got.enum, wanted.enum, `${key} enum`);
      assert.ok(typeof got.description === 'string' && got.description.length > 0, `${key} has no description`);
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
      assert.ok(entry.description?.includes(rule.summary) && entry.description.includes(rule.rfc), `${rule.id} description`);
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
