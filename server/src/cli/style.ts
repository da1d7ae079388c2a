/**
 * Whether and how the CLI colours its output. Colour goes only to a
 * terminal (or when asked with --color=always), never into a pipe or a file
 * that another tool reads, and never when NO_COLOR is set (no-color.org).
 */
import { styleText } from 'node:util';
import type { ColorMode } from './args';

export type Style = 'red' | 'yellow' | 'cyan' | 'green' | 'bold' | 'dim';

/** Colours a piece of text, or returns it unchanged when colour is off. */
export type Paint = (style: Style | readonly Style[], text: string) => string;

export const plain: Paint = (_style, text) => text;

// Newer Node versions check the stream inside `styleText` unless told not to; the decision is made here instead.
const paint: Paint = (style, text) => (styleText as (format: Style | readonly Style[], text: string, options?: { validateStream: boolean }) => string)(style, text, { validateStream: false });

/** The colour decision for one output stream: the flag first, then NO_COLOR and a dumb terminal, then whether it is a terminal. */
export function wantsColor(mode: ColorMode, stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (mode !== 'auto') return mode === 'always';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

export function painter(mode: ColorMode, stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Paint {
  return wantsColor(mode, stream, env) ? paint : plain;
}
