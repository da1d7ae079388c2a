/**
 * Where the server's settings come from: asked of the client per document
 * (`workspace/configuration`) when it can answer, else the last section it
 * pushed with `workspace/didChangeConfiguration`; and the workspace trust
 * the VS Code client reports, which turns live DNS off. Each document's
 * settings are asked once and kept until they may have changed.
 */
import type { Connection } from 'vscode-languageserver/node';
import { SECTION, defaultSettings, parseSettings, withTrust, type ServerSettings } from './settings';
import { describeSettings } from './status';

export class Configuration {
  /** The client answers `workspace/configuration`. */
  pull = false;
  /** VS Code's workspace trust: live DNS only in trusted workspaces. */
  trusted = true;
  private readonly byUri = new Map<string, Promise<ServerSettings>>();
  /** Settings pushed by didChangeConfiguration, for clients that cannot be asked. */
  private pushed: ServerSettings = defaultSettings;
  /** The configuration last written to the log, so that only a change is logged again. */
  private logged = '';

  constructor(private readonly connection: Connection) {}

  /** Takes a didChangeConfiguration notification in; the caller then analyses again. */
  changed(settings: unknown): void {
    const pushed = (settings ?? {}) as Record<string, unknown>;
    // The VS Code client adds `trusted` when the user grants workspace trust.
    if (typeof pushed.trusted === 'boolean') this.trusted = pushed.trusted;
    if (!this.pull) this.pushed = parseSettings(pushed[SECTION]);
    this.byUri.clear();
  }

  /** Forgets what was asked for `uri` (its document closed), or for every document. */
  forget(uri?: string): void {
    if (uri === undefined) this.byUri.clear();
    else this.byUri.delete(uri);
  }

  /** The settings of one document, with the workspace's trust applied. */
  for(uri: string): Promise<ServerSettings> {
    let settings = this.byUri.get(uri);
    if (!settings) {
      settings = this.pull
        ? this.connection.workspace.getConfiguration({ scopeUri: uri, section: SECTION }).then(parseSettings, (error: unknown) => {
            this.connection.console.error(`Could not read the ${SECTION} settings: ${String(error)}`);
            return defaultSettings;
          })
        : Promise.resolve(this.pushed);
      this.byUri.set(uri, settings);
    }
    return settings.then((s) => {
      const described = describeSettings(s, this.trusted);
      if (described !== this.logged) this.connection.console.info((this.logged = described));
      return withTrust(s, this.trusted);
    });
  }

  /** Settings for a request that names no document (testing an IP against live DNS alone). */
  async global(): Promise<ServerSettings> {
    const settings = this.pull ? await this.connection.workspace.getConfiguration(SECTION).then(parseSettings, () => defaultSettings) : this.pushed;
    return withTrust(settings, this.trusted);
  }
}
