/**
 * The SPF record module (RFC 7208): the parser and every SPF rule. Registered
 * in analysis/registry.ts.
 */
import type { RecordModule } from '../../rules/recordModule';
import { spfComplete } from './complete';
import { spfHover } from './hover';
import { spfOfText, type SpfRecord } from './parse';
import { spfDuplicateModifier, spfMacroContext, spfNonAscii, spfSyntax } from './rules/grammar';
import { spfIncludeLoop, spfIncludeNone, spfLookupLimit, spfMxLimit, spfRedirectNone, spfVoidLookupLimit } from './rules/lookups';
import { spfAfterAll, spfNeutralAll, spfNoAll, spfPassAll, spfPtr, spfRedirectWithAll, spfType99, spfUnknownModifier } from './rules/policy';
import { spfMultipleRecords } from './rules/records';
import { spfNearMiss } from './nearMiss';
import { spfDuplicateInclude, spfHostBits, spfTrailingDot } from './rules/values';

export const spfModule: RecordModule<SpfRecord> = {
  kind: 'spf',
  parse: (txt) => spfOfText(txt.text),
  rules: [
    spfSyntax,
    spfNonAscii,
    spfMacroContext,
    spfDuplicateModifier,
    spfLookupLimit,
    spfVoidLookupLimit,
    spfMxLimit,
    spfIncludeNone,
    spfRedirectNone,
    spfIncludeLoop,
    spfDuplicateInclude,
    spfPtr,
    spfPassAll,
    spfNeutralAll,
    spfNoAll,
    spfAfterAll,
    spfRedirectWithAll,
    spfUnknownModifier,
    spfHostBits,
    spfTrailingDot,
    spfType99,
  ],
  zoneRules: [spfMultipleRecords, spfNearMiss],
  hover: spfHover,
  complete: spfComplete,
};
