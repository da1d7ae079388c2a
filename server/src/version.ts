// The manifest is the one place the version is written; the bundler inlines it.
import { version as packageVersion } from '../../package.json';

export const version: string = packageVersion;
