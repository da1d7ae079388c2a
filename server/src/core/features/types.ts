/**
 * What the features hand the hosts. The hover and completion shapes that
 * record modules share with the features live below both, in
 * core/text/answers.ts; they are exported here too because the hosts
 * convert feature answers and should not need to know where each shape
 * is defined.
 */
import type { CompletionItem } from '../text/answers';

export { rfcLink } from '../text/answers';
export type { CompletionItem, CompletionKind, HoverResult, ValueCompletion, ValueHover } from '../text/answers';

/** A completion answer: the items, and whether they are a bounded selection the editor should ask for again as the user types. */
export interface CompletionResult {
  readonly items: CompletionItem[];
  readonly incomplete: boolean;
}
