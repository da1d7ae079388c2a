/**
 * The messages between the language server's main thread and its analysis
 * worker (analysisThread.ts, analysisWorker.ts). The worker keeps a copy of
 * every open document, updated by the same incremental changes the editor
 * sends, so an analysis request carries no text: on a 100,000-record zone a
 * keystroke crosses the thread boundary as a few bytes, and the findings
 * come back (small, plain data) instead of the model (which would cost
 * seconds to clone; see ARCHITECTURE.md).
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { AnalyzeSettings } from './core/analysis/analyze';
import type { Finding } from './core/rules/rule';

/** How many requests can be told to stop at once: one slot of the shared cancellation array each. */
export const CANCEL_SLOTS = 1024;

/** What the worker is given at start: the array the main thread writes a request's id into to stop it. */
export interface WorkerData {
  readonly cancel: SharedArrayBuffer;
}

export interface AnalyseRequest {
  readonly type: 'analyse';
  readonly id: number;
  readonly uri: string;
  readonly version: number;
  /** The document's path, when it has one: `$INCLUDE`s resolve relative to it. */
  readonly file?: string;
  readonly origin?: string;
  /** Plain data only: the worker adds its own stop signal and other zones. */
  readonly settings: Omit<AnalyzeSettings, 'stop' | 'workspace'>;
  /** `mailzone.analysis.timeoutMs`: the budget for the parse and the analysis together. */
  readonly timeoutMs: number;
}

export type ToWorker =
  | { readonly type: 'open'; readonly uri: string; readonly languageId: string; readonly version: number; readonly text: string }
  | { readonly type: 'change'; readonly uri: string; readonly version: number; readonly changes: readonly TextDocumentContentChangeEvent[] }
  | { readonly type: 'close'; readonly uri: string }
  | { readonly type: 'roots'; readonly roots: readonly string[] }
  | AnalyseRequest;

/** How one analysis request ended. */
export type AnalyseResult =
  | {
      readonly type: 'done';
      readonly id: number;
      readonly findings: readonly Finding[];
      readonly incremental: boolean;
      /** The analysis read other zones of the workspace: their edits make it stale. */
      readonly crossZone: boolean;
    }
  /** The budget ran out while the records were being read or checked. */
  | { readonly type: 'stopped'; readonly id: number; readonly budgetMs: number; readonly stage: 'reading' | 'checking' }
  /** A newer version of the document (or its close) made the work pointless, and it was dropped. */
  | { readonly type: 'superseded'; readonly id: number }
  /** The analysis threw, or the worker died under it. */
  | { readonly type: 'failed'; readonly id: number; readonly error: string };
