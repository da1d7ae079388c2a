/**
 * Mail services whose SPF include is well known, as data: SPF completion
 * offers them after `include:` and `redirect=`, and hover names the
 * provider behind a target.
 *
 * Each entry is the include the provider's own setup guide tells customers
 * to publish. Lookup costs are a different matter: the include itself always
 * costs one of the ten lookups (RFC 7208 §4.6.4), but what the provider's
 * record costs beneath it is whatever the provider publishes today, and
 * providers change their records without notice. A number belongs here only
 * when the provider's documentation states it, with `lookupsSource` saying
 * where; none of the entries below has one, so each says `varies`, and the
 * editor's lookup tree with live DNS gives the current count.
 */

export interface SpfProvider {
  /** The service, as customers know it. */
  readonly provider: string;
  /** The domain to include, as the provider documents it. */
  readonly include: string;
  /** A variant of the service (a region or data centre) when the provider documents several includes. */
  readonly variant?: string;
  /** Lookups the include costs beneath itself, as the provider documents them; `varies` when it documents none. */
  readonly lookups: number | 'varies';
  /** Where a documented number comes from; required whenever `lookups` is a number. */
  readonly lookupsSource?: string;
  /** One line for the completion's documentation: what the include authorizes. */
  readonly description: string;
}

export const SPF_PROVIDERS: readonly SpfProvider[] = [
  {
    provider: 'Google Workspace',
    include: '_spf.google.com',
    lookups: 'varies',
    description: 'Authorizes Google\'s servers for mail sent through Gmail with the domain (Google Workspace).',
  },
  {
    provider: 'Microsoft 365',
    include: 'spf.protection.outlook.com',
    lookups: 'varies',
    description: 'Authorizes Exchange Online Protection, which sends Microsoft 365 and Outlook mail for the domain.',
  },
  {
    provider: 'Amazon SES',
    include: 'amazonses.com',
    lookups: 'varies',
    description: 'Authorizes Amazon SES; published at the custom MAIL FROM domain configured in SES.',
  },
  {
    provider: 'SendGrid',
    include: 'sendgrid.net',
    lookups: 'varies',
    description: 'Authorizes Twilio SendGrid\'s sending servers.',
  },
  {
    provider: 'Mailgun',
    include: 'mailgun.org',
    variant: 'US region',
    lookups: 'varies',
    description: 'Authorizes Mailgun\'s sending servers for domains in its US region.',
  },
  {
    provider: 'Mailgun',
    include: 'eu.mailgun.org',
    variant: 'EU region',
    lookups: 'varies',
    description: 'Authorizes Mailgun\'s sending servers for domains in its EU region.',
  },
  {
    provider: 'Mailchimp / Mandrill',
    include: 'servers.mcsv.net',
    lookups: 'varies',
    description: 'Authorizes Mailchimp\'s sending servers, for Mailchimp and its transactional service Mandrill.',
  },
  {
    provider: 'Zoho Mail',
    include: 'zoho.com',
    variant: 'US data centre',
    lookups: 'varies',
    description: 'Authorizes Zoho Mail\'s servers for accounts in its US data centre (zoho.com).',
  },
  {
    provider: 'Zoho Mail',
    include: 'zoho.eu',
    variant: 'EU data centre',
    lookups: 'varies',
    description: 'Authorizes Zoho Mail\'s servers for accounts in its EU data centre (zoho.eu).',
  },
  {
    provider: 'Zoho Mail',
    include: 'zoho.in',
    variant: 'India data centre',
    lookups: 'varies',
    description: 'Authorizes Zoho Mail\'s servers for accounts in its India data centre (zoho.in).',
  },
  {
    provider: 'Zoho Mail',
    include: 'zoho.com.au',
    variant: 'Australia data centre',
    lookups: 'varies',
    description: 'Authorizes Zoho Mail\'s servers for accounts in its Australia data centre (zoho.com.au).',
  },
  {
    provider: 'Postmark',
    include: 'spf.mtasv.net',
    lookups: 'varies',
    description: 'Authorizes Postmark\'s sending servers.',
  },
  {
    provider: 'Mailjet',
    include: 'spf.mailjet.com',
    lookups: 'varies',
    description: 'Authorizes Mailjet\'s sending servers.',
  },
  {
    provider: 'Salesforce',
    include: '_spf.salesforce.com',
    lookups: 'varies',
    description: 'Authorizes Salesforce\'s servers for mail sent from Salesforce with the domain.',
  },
  {
    provider: 'Zendesk',
    include: 'mail.zendesk.com',
    lookups: 'varies',
    description: 'Authorizes Zendesk\'s servers for support mail sent with the domain.',
  },
  {
    provider: 'Fastmail',
    include: 'spf.messagingengine.com',
    lookups: 'varies',
    description: 'Authorizes Fastmail\'s outgoing servers for a custom domain.',
  },
  {
    provider: 'Proton Mail',
    include: '_spf.protonmail.ch',
    lookups: 'varies',
    description: 'Authorizes Proton Mail\'s outgoing servers for a custom domain.',
  },
];

/** The provider behind an include target (absolute or not, any case), if it is a known one. */
export function providerFor(name: string): SpfProvider | undefined {
  const bare = name.toLowerCase().replace(/\.$/, '');
  return SPF_PROVIDERS.find((p) => p.include === bare);
}

/** The cost line of an include, in words. */
export function providerCost(provider: SpfProvider): string {
  if (provider.lookups === 'varies') return '1 lookup for the include, plus what the provider\'s record costs (varies)';
  return `1 lookup for the include, plus ${provider.lookups} beneath it (${provider.lookupsSource})`;
}
