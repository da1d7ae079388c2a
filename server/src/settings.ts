/**
 * The server's settings: one table that holds every `mailzone.*` key with its
 * type, default and description. The language server reads user values
 * through it, `--help` lists it, `scripts/gen-settings.mjs` writes
 * package.json's `contributes.configuration` from it, and the settings-parity
 * test compares the two, so the manifest and the server cannot drift apart.
 */
import type { AnalyzeSettings } from './core/analysis/analyze';
import { everyRule, findAnyRule, ruleFamilies } from './core/analysis/rulesIndex';
import { rfcLink } from './core/features/types';
import type { DmarcStandard } from './core/model/zoneView';
import { docsUrl, type RuleMeta, type SeveritySetting } from './core/rules/rule';

export const SECTION = 'mailzone';

export type TraceLevel = 'off' | 'messages' | 'verbose';

export interface DnsSettings {
  readonly enabled: boolean;
  /** `host` or `host:port` entries; empty means the system's resolvers. */
  readonly servers: readonly string[];
  readonly timeoutMs: number;
}

export interface FormatSettings {
  /** Document formatting aligns columns; off by default, as a zone file's layout is often deliberate. */
  readonly enable: boolean;
}

export interface AnalysisBudget {
  /** How long the parse and analysis of one version of a document may run before it is stopped. */
  readonly timeoutMs: number;
}

export interface ServerSettings {
  readonly dmarcStandard: DmarcStandard;
  readonly analysis: AnalysisBudget;
  readonly dns: DnsSettings;
  readonly format: FormatSettings;
  /** Per-rule severities as the user set them. */
  readonly rules: Readonly<Record<string, SeveritySetting>>;
}

/** One entry of `contributes.configuration.properties`, minus the `mailzone.` prefix. */
export interface SettingDefinition {
  readonly key: string;
  readonly type: 'string' | 'boolean' | 'number' | 'array';
  readonly default: unknown;
  readonly enum?: readonly string[];
  readonly enumDescriptions?: readonly string[];
  readonly items?: { readonly type: 'string' };
  readonly minimum?: number;
  readonly description: string;
  /** VS Code settings scope; `window` for settings that are per server process. */
  readonly scope?: 'window' | 'resource';
  /** The settings category it is shown under (see {@link GENERAL_CATEGORIES}); a rule's is its family. */
  readonly category: string;
  /** The description as Markdown, for the editor; `description` is the plain text `--help` prints. */
  readonly markdownDescription?: string;
}

/** The categories of the settings that are not per rule, in the order the editor shows them. */
export const GENERAL_CATEGORIES: ReadonlyArray<{ readonly id: string; readonly title: string }> = [
  { id: 'general', title: 'General' },
  { id: 'dns', title: 'Live DNS' },
  { id: 'troubleshooting', title: 'Troubleshooting' },
];

export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];
export const DMARC_STANDARDS: readonly DmarcStandard[] = ['rfc9989', 'rfc7489'];
export const TRACE_LEVELS: readonly TraceLevel[] = ['off', 'messages', 'verbose'];

/** The settings that are not per rule. */
export const generalSettings: readonly SettingDefinition[] = [
  {
    key: 'trace.server',
    type: 'string',
    default: 'off',
    enum: TRACE_LEVELS,
    description: 'Traces the communication between VS Code and the Mailzone language server (shown in the "Mailzone" output).',
    markdownDescription:
      'Traces the protocol messages between VS Code and the Mailzone language server in the **Mailzone** output. The server start, its configuration, each analysis with its timing and any error are logged there whatever this says.',
    scope: 'window',
    category: 'troubleshooting',
  },
  {
    key: 'dmarc.standard',
    type: 'string',
    default: 'rfc9989',
    enum: DMARC_STANDARDS,
    enumDescriptions: [
      'RFC 9989 (DMARCbis): pct, rf and ri are obsolete and t= is the testing flag; a missing p= is allowed.',
      'RFC 7489: the original DMARC specification; pct, rf and ri are valid tags and p= is required.',
    ],
    description: 'Which DMARC standard decides where RFC 7489 and RFC 9989 differ (pct, rf, ri, a missing p).',
    markdownDescription: 'Which DMARC standard decides where [RFC 7489](https://www.rfc-editor.org/rfc/rfc7489) and [RFC 9989](https://www.rfc-editor.org/rfc/rfc9989) differ: `pct`, `rf`, `ri` and a missing `p`.',
    scope: 'resource',
    category: 'general',
  },
  {
    key: 'dns.enabled',
    type: 'boolean',
    default: true,
    description: 'Allows live DNS lookups for names outside the open zone. Always off in untrusted workspaces.',
    markdownDescription: 'Allows live DNS lookups for names outside the open zone and the workspace\'s zone files (SPF includes of providers, DMARC report destinations). Always off in untrusted workspaces.',
    scope: 'window',
    category: 'dns',
  },
  {
    key: 'dns.servers',
    type: 'array',
    items: { type: 'string' },
    default: [],
    description: 'DNS servers to query, as `host` or `host:port`. Empty uses the system resolvers.',
    scope: 'window',
    category: 'dns',
  },
  {
    key: 'dns.timeoutMs',
    type: 'number',
    default: 2000,
    minimum: 100,
    description: 'How long one DNS lookup may take, in milliseconds.',
    scope: 'window',
    category: 'dns',
  },
  {
    key: 'analysis.timeoutMs',
    type: 'number',
    default: 5000,
    minimum: 100,
    description:
      'How long the analysis of one version of a zone file may run, in milliseconds. Past it the analysis stops, one diagnostic says so, and hover, completion and other files go on being answered.',
    markdownDescription:
      'How long the parse and analysis of one version of a zone file may run, in milliseconds. Past it the analysis stops and one [`analysis-stopped`](https://github.com/mailzone/mailzone/blob/main/docs/rules/analysis-stopped.md) diagnostic replaces the findings; hover, completion and other files go on being answered.',
    scope: 'window',
    category: 'troubleshooting',
  },
  {
    key: 'format.enable',
    type: 'boolean',
    default: false,
    description: 'Lets "Format Document" align owner, TTL, class and type into columns. Record data, comments and line breaks are never changed.',
    markdownDescription: 'Lets **Format Document** align owner, TTL, class and type into columns. Record data, comments and line breaks are never changed.',
    scope: 'resource',
    category: 'general',
  },
];

/** What each severity setting does to a rule's findings, for the editor's drop-down. */
export const SEVERITY_DESCRIPTIONS: readonly string[] = [
  'Not reported.',
  'Reported as information: cleanup with no effect on delivery.',
  'Reported as a warning: mail or reports at risk.',
  'Reported as an error: receivers discard the record or the check fails.',
];

/** The `mailzone.rules.<id>` entry of one rule, in its family's category. */
export function ruleSetting(rule: RuleMeta, family: string): SettingDefinition {
  return {
    key: `rules.${rule.id}`,
    type: 'string',
    default: rule.severity,
    enum: SEVERITY_SETTINGS,
    enumDescriptions: SEVERITY_DESCRIPTIONS,
    description: `${rule.summary} (${rule.rfc})`,
    markdownDescription: `${rule.summary}\n\n${rfcLink(rule.rfc)} · [\`${rule.id}\`](${docsUrl(rule.id)})`,
    scope: 'resource',
    category: `rules.${family}`,
  };
}

/** Every setting, general ones first, then one per rule, family by family. */
export function settingDefinitions(rules: readonly RuleMeta[] = everyRule()): SettingDefinition[] {
  return [...generalSettings, ...ruleFamilies(rules).flatMap((family) => family.rules.map((rule) => ruleSetting(rule, family.id)))];
}

export const defaultSettings: ServerSettings = {
  dmarcStandard: 'rfc9989',
  analysis: { timeoutMs: 5000 },
  dns: { enabled: true, servers: [], timeoutMs: 2000 },
  format: { enable: false },
  rules: {},
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

/**
 * Reads the `mailzone` section as a client sends it (`{dmarc: {standard}, dns:
 * {...}, rules: {id: level}}`). Anything malformed falls back to its default,
 * because a typo in a settings file must not stop diagnostics.
 */
export function parseSettings(section: unknown): ServerSettings {
  const raw = isObject(section) ? section : {};
  const dmarc = isObject(raw.dmarc) ? raw.dmarc : {};
  const dns = isObject(raw.dns) ? raw.dns : {};
  const format = isObject(raw.format) ? raw.format : {};
  const analysis = isObject(raw.analysis) ? raw.analysis : {};
  const rules: Record<string, SeveritySetting> = {};
  if (isObject(raw.rules)) {
    for (const [id, level] of Object.entries(raw.rules)) {
      const setting = oneOf(level, SEVERITY_SETTINGS);
      if (setting) rules[id] = setting;
    }
  }
  const servers = Array.isArray(dns.servers) ? dns.servers.filter((s): s is string => typeof s === 'string' && s.trim() !== '') : [];
  return {
    dmarcStandard: oneOf(dmarc.standard, DMARC_STANDARDS) ?? defaultSettings.dmarcStandard,
    analysis: { timeoutMs: positive(analysis.timeoutMs) ?? defaultSettings.analysis.timeoutMs },
    dns: {
      enabled: typeof dns.enabled === 'boolean' ? dns.enabled : defaultSettings.dns.enabled,
      servers: servers.map((s) => s.trim()),
      timeoutMs: positive(dns.timeoutMs) ?? defaultSettings.dns.timeoutMs,
    },
    format: { enable: typeof format.enable === 'boolean' ? format.enable : defaultSettings.format.enable },
    rules,
  };
}

/** Live DNS needs both the setting and a trusted workspace. */
export function withTrust(settings: ServerSettings, trusted: boolean): ServerSettings {
  return trusted ? settings : { ...settings, dns: { ...settings.dns, enabled: false } };
}

/**
 * What the core needs from the settings. A level equal to the rule's default
 * is not passed on: editors send every `mailzone.rules.*` key with its
 * default, and a forced level would flatten rules whose severity depends on
 * the case (dkim-key-size is an error under 1024 bits and a warning below
 * 2048; dmarc-p-none is a warning only without rua).
 */
export function analyzeSettings(settings: ServerSettings): AnalyzeSettings {
  const severities: Record<string, SeveritySetting> = {};
  for (const [id, level] of Object.entries(settings.rules)) {
    if (level !== findAnyRule(id)?.severity) severities[id] = level;
  }
  return { dmarcStandard: settings.dmarcStandard, severities };
}

/** One category of `contributes.configuration`: VS Code shows each as a section of the extension's settings. */
export interface ConfigurationCategory {
  readonly id: string;
  readonly title: string;
  readonly order: number;
  readonly properties: Record<string, Record<string, unknown>>;
}

/**
 * package.json's `contributes.configuration`, as `scripts/gen-settings.mjs`
 * writes it: the general categories, then one category per rule family
 * (`Rules: SPF (RFC 7208)`), so the editor lists the rules by what they check.
 */
export function configurationContribution(rules: readonly RuleMeta[] = everyRule()): ConfigurationCategory[] {
  const categories = [
    ...GENERAL_CATEGORIES.map((c) => ({ id: c.id, title: c.title })),
    ...ruleFamilies(rules).map((f) => ({ id: `rules.${f.id}`, title: `Rules: ${f.title}` })),
  ];
  const definitions = settingDefinitions(rules);
  return categories.map((category, order) => {
    const properties: Record<string, Record<string, unknown>> = {};
    for (const { key, category: inCategory, description, markdownDescription, ...entry } of definitions) {
      if (inCategory !== category.id) continue;
      // The editor renders the Markdown (links to the RFCs and the rule pages); `--help` prints the plain text.
      properties[`${SECTION}.${key}`] = Object.fromEntries(Object.entries({ ...entry, markdownDescription: markdownDescription ?? description }).filter(([, v]) => v !== undefined));
    }
    return { id: `${SECTION}.${category.id}`, title: category.title, order, properties };
  });
}

/** Every property of the contribution, whatever its category: what the parity tests compare. */
export function contributedProperties(contribution: readonly ConfigurationCategory[] = configurationContribution()): Record<string, Record<string, unknown>> {
  return Object.assign({}, ...contribution.map((c) => c.properties)) as Record<string, Record<string, unknown>>;
}
