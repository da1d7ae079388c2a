/**
 * Wraps LSP handlers so that a bug in one feature costs one empty answer and
 * a log line, never the server: the editor keeps its diagnostics and every
 * other feature keeps working.
 */
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver/node';

export interface Logger {
  error(message: string): void;
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/** A request handler that answers `empty()` when the handler throws or rejects, and reports cancellation as LSP asks. */
export function runSafe<P, R>(
  log: Logger,
  method: string,
  handler: (params: P, token: CancellationToken) => R | Promise<R>,
  empty: () => R,
): (params: P, token: CancellationToken) => Promise<R | ResponseError<never>> {
  return async (params, token) => {
    if (token.isCancellationRequested) return cancelled();
    try {
      const result = await handler(params, token);
      return token.isCancellationRequested ? cancelled() : result;
    } catch (error) {
      log.error(`Error while handling ${method}: ${describeError(error)}`);
      return empty();
    }
  };
}

/** A notification handler that logs instead of throwing. */
export function runSafeNotification<P>(log: Logger, method: string, handler: (params: P) => void | Promise<void>): (params: P) => void {
  return (params) => {
    try {
      const pending = handler(params);
      if (pending) pending.catch((error: unknown) => log.error(`Error while handling ${method}: ${describeError(error)}`));
    } catch (error) {
      log.error(`Error while handling ${method}: ${describeError(error)}`);
    }
  };
}

function cancelled(): ResponseError<never> {
  return new ResponseError<never>(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}
