/**
 * The Node side of `mailzone probe`: DNS through Node's resolver (the
 * system's servers or `--dns`), TLSA records by their own query, the
 * MTA-STS policy over HTTPS, and SMTP sessions (smtpSession.ts).
 */
import { promises as dns } from 'node:dns';
import * as https from 'node:https';
import * as tls from 'node:tls';
import type { ObservedMtaSts, ObservedSession } from '../core/probe/observation';
import type { ProbeIo } from '../core/probe/run';
import { smtpSession } from './smtpSession';
import { lookupTlsa } from './tlsaQuery';

export const DEFAULT_PROBE_TIMEOUT_MS = 10_000;
/** RFC 8461 §3.3: senders may limit the policy body to 64 KB. */
export const MAX_POLICY_BYTES = 64 * 1024;

export interface NodeProbeOptions {
  /** DNS servers (`127.0.0.1:5360`); empty: the system's. */
  readonly dns?: readonly string[];
  /** Per-step timeout of SMTP sessions, DNS queries and the policy fetch. */
  readonly timeoutMs?: number;
  /** Extra trusted roots (PEM), added to Node's bundled ones. */
  readonly caPem?: string;
  /** The port of the MTA-STS policy host; 443 except in tests. */
  readonly httpsPort?: number;
}

const NO_DATA = new Set(['ENODATA', 'ENOTFOUND', 'NXDOMAIN']);

export function nodeProbeIo(options: NodeProbeOptions = {}): ProbeIo {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const resolver = new dns.Resolver({ timeout: timeoutMs, tries: 2 });
  if (options.dns?.length) resolver.setServers([...options.dns]);
  const ca = options.caPem ? [...tls.rootCertificates, options.caPem] : undefined;
  const code = (e: unknown) => (e as NodeJS.ErrnoException).code ?? '';
  const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

  async function address(host: string): Promise<string> {
    try {
      return (await resolver.resolve4(host))[0];
    } catch (e4) {
      try {
        return (await resolver.resolve6(host))[0];
      } catch {
        throw e4;
      }
    }
  }

  async function fetchPolicy(domain: string): Promise<{ text: string } | { error: string }> {
    const host = `mta-sts.${domain}`;
    let ip: string;
    try {
      ip = await address(host);
    } catch (e) {
      return { error: `${host} does not resolve (${code(e) || message(e)})` };
    }
    return new Promise((resolve) => {
      const request = https.get(
        { host: ip, port: options.httpsPort ?? 443, path: '/.well-known/mta-sts.txt', servername: host, headers: { host }, ...(ca ? { ca } : {}), timeout: timeoutMs, agent: false },
        (response) => {
          // RFC 8461 §3.3: a redirect is not followed, and only 200 counts.
          if (response.statusCode !== 200) {
            response.resume();
            return resolve({ error: `https://${host}/.well-known/mta-sts.txt answered ${response.statusCode}` });
          }
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            body += chunk;
            if (body.length > MAX_POLICY_BYTES) {
              request.destroy();
              resolve({ error: `the policy is larger than ${MAX_POLICY_BYTES} bytes` });
            }
          });
          response.on('end', () => resolve({ text: body }));
          response.on('error', (e) => resolve({ error: message(e) }));
        },
      );
      request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      request.on('error', (e) => resolve({ error: message(e) }));
    });
  }

  return {
    async mx(domain): ReturnType<ProbeIo['mx']> {
      try {
        return { records: (await resolver.resolveMx(domain)).map((r) => ({ preference: r.priority, exchange: r.exchange })) };
      } catch (e) {
        return NO_DATA.has(code(e)) ? { records: [] } : { error: `${code(e) || message(e)}` };
      }
    },
    async tlsa(name): ReturnType<ProbeIo['tlsa']> {
      return lookupTlsa(options.dns?.length ? options.dns : resolver.getServers(), name, timeoutMs);
    },
    async srv(name) {
      try {
        return (await resolver.resolveSrv(name)).map((r) => ({ priority: r.priority, port: r.port, target: r.name }));
      } catch {
        return [];
      }
    },
    async mtaSts(domain): Promise<ObservedMtaSts> {
      let txt: string[][];
      try {
        txt = await resolver.resolveTxt(`_mta-sts.${domain}`);
      } catch (e) {
        return NO_DATA.has(code(e)) ? {} : { fetchError: `the _mta-sts lookup failed (${code(e) || message(e)})` };
      }
      const record = txt.map((parts) => parts.join('')).find((t) => /^v=STSv1\s*(?:;|$)/.test(t));
      if (!record) return {};
      const policy = await fetchPolicy(domain);
      return 'text' in policy ? { record, policyText: policy.text } : { record, fetchError: policy.error };
    },
    async session(host, port, mode): Promise<ObservedSession> {
      let ip: string;
      try {
        ip = await address(host);
      } catch (e) {
        return { host, port, mode, error: { step: 'resolve', message: `${host} has no address (${code(e) || message(e)})` } };
      }
      return smtpSession({ host, address: ip, port, mode, timeoutMs, ca });
    },
  };
}
