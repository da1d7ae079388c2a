/** Workspace zone files as resolver sources: found by name, parsed once per change, answering for their names. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { offlineResolver } from '../../server/src/core/dns/resolver';
import { ZoneResolver } from '../../server/src/core/dns/zoneResolver';
import { WorkspaceZones } from '../../server/src/node/workspaceZones';

describe('WorkspaceZones', () => {
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'mailzone-ws-'));
    fs.mkdirSync(path.join(root, 'zones', 'node_modules'), { recursive: true });
    fs.writeFileSync(path.join(root, 'zones', 'db.provider.example'), '@ SOA ns h 1 1 1 1 1\n_spf TXT "v=spf1 ip4:192.0.2.0/24 -all"\n$INCLUDE extra.inc\n');
    fs.writeFileSync(path.join(root, 'zones', 'extra.inc'), 'extra TXT "from the include"\n');
    fs.writeFileSync(path.join(root, 'zones', 'notes.txt'), 'not a zone\n');
    fs.writeFileSync(path.join(root, 'zones', 'node_modules', 'x.zone'), '@ SOA ns h 1 1 1 1 1\n');
    fs.writeFileSync(path.join(root, 'other.example.zone'), 'www A 192.0.2.1\n');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('finds zone files by name, skipping tool folders', () => {
    assert.deepEqual(new WorkspaceZones([root]).files(), [path.join(root, 'other.example.zone'), path.join(root, 'zones', 'db.provider.example')]);
  });

  it('answers for their names, leaves out excluded files, and sees edits of included files', async () => {
    const zones = new WorkspaceZones([root]);
    const resolver = (): ZoneResolver => new ZoneResolver(zones.sources(), offlineResolver);
    const spf = await resolver().query('_spf.provider.example', 'TXT');
    assert.deepEqual(spf.status === 'answer' && [spf.answers, spf.source?.kind === 'zone' && spf.source.file], [[['v=spf1 ip4:192.0.2.0/24 -all']], path.join(root, 'zones', 'db.provider.example')]);
    assert.equal((await resolver().query('nothing.provider.example', 'TXT')).status === 'answer', true);
    assert.equal((await resolver().query('example.net', 'TXT')).status, 'unavailable');
    assert.equal(zones.sources(new Set([path.join(root, 'zones', 'db.provider.example')])).length, 1);

    const first = zones.sources()[1].zone;
    assert.equal(zones.sources()[1].zone, first, 'an unchanged file is not parsed again');
    fs.writeFileSync(path.join(root, 'zones', 'extra.inc'), 'extra TXT "edited include"\n');
    fs.utimesSync(path.join(root, 'zones', 'extra.inc'), new Date(), new Date(Date.now() + 5000));
    const edited = await resolver().query('extra.provider.example', 'TXT');
    assert.deepEqual(edited.status === 'answer' && edited.answers, [['edited include']]);
  });

  it('stops at its file limit', () => {
    assert.equal(new WorkspaceZones([root], { maxFiles: 1 }).files().length, 1);
  });
});
