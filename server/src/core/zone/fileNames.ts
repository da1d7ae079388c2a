/** The zone file names: `*.zone`, `*.zonefile` and BIND's `db.*`. The CLI expands directories with it, and the language server finds the workspace's zones with it. */
export function isZoneFileName(name: string): boolean {
  return /\.(?:zone|zonefile)$/i.test(name) || /^db\./i.test(name);
}
