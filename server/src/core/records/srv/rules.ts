import type { ZoneView } from '../../model/zoneView';
import type { ResourceRecord } from '../../zone/ast';
import { absolute, addressState, isAuthoritativeFor, shown, zoneNames } from '../mail/zoneNames';
import { doubledOrigin } from '../../zone/rules/originDoubled';
import { MAIL_SERVICES, mailServiceOf, type MailService } from './services';
import type { ZoneRule } from '../../rules/zoneRule';
import { perView } from '../../rules/perView';

interface MailSrv {
  readonly record: ResourceRecord;
  readonly service: MailService;
  readonly port: number;
  readonly target: string;
}

/** The SRV records of the RFC 6186 mail services, with their port and target read, once per view for the SRV rules that walk them. Target `.` (no service) is left out. */
const mailSrvRecords = perView((view): readonly MailSrv[] => readMailSrvRecords(view));

function readMailSrvRecords(view: ZoneView): MailSrv[] {
  const out: MailSrv[] = [];
  for (const record of view.ofType('SRV')) {
    const service = mailServiceOf(record.owner);
    const port = record.fields?.port;
    const target = record.fields?.target;
    if (!service || typeof port !== 'number' || typeof target !== 'string') continue;
    // RFC 2782: a target of "." means the service is decidedly not available (RFC 6186 §4 uses it the same way).
    if (target === '.') continue;
    out.push({ record, service, port, target: absolute(target) });
  }
  return out;
}

/** The source span of an SRV record's rdata field, by position (priority weight port target). */
function fieldSpan(record: ResourceRecord, index: number) {
  return record.rdata[index]?.span ?? record.span;
}

export const srvNonstandardPort: ZoneRule = {
  id: 'srv-nonstandard-port',
  severity: 'info',
  summary: 'A mail SRV record points at a port other than the service\'s standard one.',
  rfc: 'RFC 6186 §3, RFC 8314 §5.1',
  reads: { types: ['SRV'] },
  check(view, report) {
    for (const { record, service, port } of mailSrvRecords(view)) {
      if (port === service.port) continue;
      const swapped = MAIL_SERVICES.find((s) => s.label === service.counterpart && s.port === port);
      if (swapped) {
        // 465 under _submission, 993 under _imap: the client speaks the wrong protocol on connect and fails.
        const clientWay = service.tls === 'starttls' ? 'sends a plaintext greeting and waits for STARTTLS' : 'starts TLS at once';
        report(fieldSpan(record, 2), `port ${port} is ${swapped.label}'s (${swapped.tls === 'implicit' ? 'implicit TLS' : 'STARTTLS'}), but a client that finds ${service.label} ${clientWay}: the connection fails. Publish it as ${swapped.label}, or use port ${service.port}`, {
          severity: 'warning',
          file: record.file,
        });
        continue;
      }
      report(fieldSpan(record, 2), `${service.label} usually runs on port ${service.port}; port ${port} works for clients that follow the SRV record, but networks that allow only the standard ports may block it`, {
        file: record.file,
      });
    }
  },
};

export const srvTargetCname: ZoneRule = {
  id: 'srv-target-cname',
  severity: 'warning',
  summary: 'A mail SRV record\'s target is an alias (CNAME), which RFC 2782 forbids.',
  rfc: 'RFC 2782',
  reads: { types: ['SRV'] },
  check(view, report) {
    for (const { record, target } of mailSrvRecords(view)) {
      if (!isAuthoritativeFor(view, target) || addressState(view, target) !== 'cname') continue;
      report(fieldSpan(record, 3), `the target ${shown(target)} is a CNAME: RFC 2782 requires the target to be a name with address records, and some clients do not follow the alias`, {
        file: record.file,
      });
    }
  },
};

export const srvTargetMissing: ZoneRule = {
  id: 'srv-target-missing',
  severity: 'warning',
  summary: 'A mail SRV record\'s target is in this zone but has no A or AAAA record.',
  rfc: 'RFC 6186 §3, RFC 2782',
  reads: { types: ['SRV'] },
  check(view, report) {
    for (const { record, target } of mailSrvRecords(view)) {
      // Targets in other zones, or below a delegation, are answered elsewhere.
      if (!isAuthoritativeFor(view, target) || addressState(view, target) !== 'none') continue;
      // A target written without its trailing dot gets the origin twice: zone-origin-doubled says so, on the same characters.
      const apex = zoneNames(view).apex;
      if (apex && doubledOrigin(target, [apex])) continue;
      report(fieldSpan(record, 3), `the target ${shown(target)} has no A or AAAA record in this zone: clients that find this record cannot connect`, {
        file: record.file,
      });
    }
  },
};

export const mailSrvRules: readonly ZoneRule[] = [srvNonstandardPort, srvTargetCname, srvTargetMissing];
