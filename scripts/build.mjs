// Bundles the VS Code client, the language server and the CLI with esbuild.
// Type checking is separate (`npm run typecheck`): esbuild only strips types.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

/**
 * The activation bundle (dist/client.js) loads the protocol client, its own
 * bundle next to it, only once the server is starting (client/src/extension.ts):
 * the `./languageClient` import stays a require of dist/languageClient.js.
 */
const protocolClientApart = {
  name: 'protocol-client-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/languageClient$/ }, () => ({ path: './languageClient.js', external: true }));
  },
};

await Promise.all([
  // The client runs inside VS Code's extension host, which provides `vscode`.
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'], plugins: [protocolClientApart] }),
  esbuild.build({ ...common, entryPoints: ['client/src/languageClient.ts'], outfile: 'dist/languageClient.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' }),
  // The CLI: dist/cli.js loads its bundle through V8's code cache (server/src/cli/boot.ts).
  esbuild.build({ ...common, entryPoints: ['server/src/cli/boot.ts'], outfile: 'dist/cli.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/mailzone-cli.js' }),
]);
