/**
 * Record templates as data: well-formed records with named fields, for the
 * editor commands that insert them. A template's lines hold `{{field}}`
 * markers; a field's default may itself name other fields
 * (`tlsrpt@{{domain}}`). Hosts fill in what they know (the zone's domain,
 * the current time for an MTA-STS id, the MX hosts) and render either plain
 * text or an LSP snippet whose tab stops are the fields, the same field
 * sharing one tab stop wherever it appears.
 */

export interface TemplateField {
  readonly name: string;
  /** The value when the host supplies none; may contain `{{other}}` markers. */
  readonly default: string;
  /** What to put there, for the editor's prompt or hover. */
  readonly description: string;
  /** A fixed set of values, offered as a snippet choice. */
  readonly choices?: readonly string[];
}

export interface RecordTemplate {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** `dns-zone` for zone-file records; `mta-sts-policy` for the policy file. */
  readonly language: 'dns-zone' | 'mta-sts-policy';
  readonly rfc: string;
  readonly fields: readonly TemplateField[];
  readonly lines: readonly string[];
}

export const TEMPLATES: readonly RecordTemplate[] = [
  {
    id: 'mta-sts-tlsrpt',
    title: 'MTA-STS and TLS-RPT records',
    description:
      'The MTA-STS record, the mta-sts host that serves the policy file, and a TLS-RPT record so failures are reported. Publish the policy file (template "mta-sts-policy") before the record, and change the id whenever the file changes.',
    language: 'dns-zone',
    rfc: 'RFC 8461 §3, RFC 8460 §3',
    fields: [
      { name: 'domain', default: 'example.com', description: 'The policy domain: the domain part of the addresses the policy protects.' },
      { name: 'id', default: '20240601000000Z', description: 'The policy id: 1 to 32 letters and digits; a UTC timestamp (YYYYMMDDhhmmssZ) is the usual choice.' },
      { name: 'policyHost', default: 'mta-sts.hosting.example.', description: 'The web host that serves https://mta-sts.<domain>/.well-known/mta-sts.txt with a certificate for mta-sts.<domain> (or replace the CNAME by A/AAAA records).' },
      { name: 'reports', default: 'tlsrpt@{{domain}}', description: 'The mailbox that receives the daily TLS reports (JSON, gzipped).' },
    ],
    lines: [
      '; MTA-STS (RFC 8461): senders fetch the policy from https://mta-sts.{{domain}}/.well-known/mta-sts.txt',
      '_mta-sts.{{domain}}.    IN TXT   "v=STSv1; id={{id}}"',
      'mta-sts.{{domain}}.     IN CNAME {{policyHost}}',
      '; TLS-RPT (RFC 8460): daily reports of TLS failures when sending to {{domain}}',
      '_smtp._tls.{{domain}}.  IN TXT   "v=TLSRPTv1; rua=mailto:{{reports}}"',
    ],
  },
  {
    id: 'mta-sts-policy',
    title: 'MTA-STS policy file',
    description:
      'The file served at https://mta-sts.<domain>/.well-known/mta-sts.txt. Start in testing mode, read the TLS reports, then switch to enforce. One mx line per MX host (or a *. wildcard for one label).',
    language: 'mta-sts-policy',
    rfc: 'RFC 8461 §3.2',
    fields: [
      { name: 'mode', default: 'testing', description: 'testing reports failures but delivers; enforce refuses MX hosts that fail; none withdraws the policy.', choices: ['testing', 'enforce', 'none'] },
      { name: 'mx', default: 'mail.example.com', description: "An MX host of the domain, or a pattern such as *.example.net. Add a line per host." },
      { name: 'maxAge', default: '604800', description: 'Seconds senders cache the policy: a week (604800) while testing, weeks or more later; at most 31557600.' },
    ],
    lines: ['version: STSv1', 'mode: {{mode}}', 'mx: {{mx}}', 'max_age: {{maxAge}}'],
  },
  {
    id: 'bimi',
    title: 'BIMI assertion record',
    description:
      'The default BIMI record: the HTTPS URI of the SVG Tiny PS logo and, for receivers that require one, of the mark certificate (VMC or CMC). Receivers show the logo only when DMARC is at enforcement (p=quarantine or p=reject).',
    language: 'dns-zone',
    rfc: 'BIMI draft §5.3',
    fields: [
      { name: 'domain', default: 'example.com', description: 'The domain in the From address of the mail.' },
      { name: 'selector', default: 'default', description: 'The selector: default, unless the mail carries a BIMI-Selector header.' },
      { name: 'logo', default: 'https://{{domain}}/bimi/logo.svg', description: 'HTTPS URI of the logo, in SVG Tiny PS.' },
      { name: 'evidence', default: '', description: 'HTTPS URI of the mark certificate (PEM), or empty.' },
    ],
    lines: [
      '; BIMI: shown only for mail that passes DMARC with p=quarantine (pct=100) or p=reject',
      '{{selector}}._bimi.{{domain}}.  IN TXT "v=BIMI1; l={{logo}}; a={{evidence}}"',
    ],
  },
];

export function findTemplate(id: string): RecordTemplate | undefined {
  return TEMPLATES.find((t) => t.id === id);
}

const MARKER = /\{\{(\w+)\}\}/g;

/** The value of each field: the host's value, else the default with its own markers filled in. */
function resolveFields(template: RecordTemplate, values: Readonly<Record<string, string>>): Map<string, string> {
  const resolved = new Map<string, string>();
  const resolve = (name: string, depth: number): string => {
    const known = resolved.get(name);
    if (known !== undefined) return known;
    const field = template.fields.find((f) => f.name === name);
    if (!field) throw new Error(`template ${template.id} has no field '${name}'`);
    // Defaults refer only to fields listed before them, so the depth bound only guards against a malformed table.
    if (depth > template.fields.length) throw new Error(`template ${template.id}: field '${name}' refers to itself`);
    const value = values[name] ?? field.default.replace(MARKER, (_, other: string) => resolve(other, depth + 1));
    resolved.set(name, value);
    return value;
  };
  for (const f of template.fields) resolve(f.name, 0);
  return resolved;
}

/** The template as plain text, one line per line, ending with a line break. */
export function renderTemplate(template: RecordTemplate, values: Readonly<Record<string, string>> = {}): string {
  const fields = resolveFields(template, values);
  return template.lines.map((line) => line.replace(MARKER, (_, name: string) => fields.get(name)!)).join('\n') + '\n';
}

/** LSP snippet syntax treats `$`, `}` and `\` as special; inside a choice, `,` and `|` too. */
function escapeSnippet(text: string, inChoice = false): string {
  return text.replace(inChoice ? /[$}\\,|]/g : /[$}\\]/g, (c) => `\\${c}`);
}

/**
 * The template as an LSP snippet: each field is a tab stop, numbered in the
 * order of the field table, with its value as the placeholder (a choice for
 * fields with choices); a field that appears again mirrors the first.
 */
export function templateSnippet(template: RecordTemplate, values: Readonly<Record<string, string>> = {}): string {
  const fields = resolveFields(template, values);
  const numbers = new Map(template.fields.map((f, i) => [f.name, i + 1]));
  const placed = new Set<string>();
  const body = template.lines.map((line) => {
    let out = '';
    let last = 0;
    for (const m of line.matchAll(MARKER)) {
      out += escapeSnippet(line.slice(last, m.index));
      last = m.index! + m[0].length;
      const name = m[1];
      const n = numbers.get(name)!;
      const field = template.fields[n - 1];
      const value = fields.get(name)!;
      if (placed.has(name)) {
        out += `$${n}`;
      } else if (field.choices) {
        const options = [value, ...field.choices.filter((c) => c !== value)];
        out += `\${${n}|${options.map((o) => escapeSnippet(o, true)).join(',')}|}`;
      } else {
        out += `\${${n}:${escapeSnippet(value)}}`;
      }
      placed.add(name);
    }
    return out + escapeSnippet(line.slice(last));
  });
  return body.join('\n') + '\n';
}
