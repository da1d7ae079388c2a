/** The Node `$INCLUDE` reader: what it reads, what it refuses, and why. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { NodeFileReader, readZoneFile } from '../../server/src/node/fileReader';

describe('NodeFileReader', () => {
  let dir: string;
  let workspace: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailzone-reader-'));
    workspace = path.join(dir, 'ws');
    fs.mkdirSync(path.join(workspace, 'zones'), { recursive: true });
    fs.writeFileSync(path.join(workspace, 'zones', 'hosts.inc'), '\ufeffwww IN A 192.0.2.1\n');
    fs.writeFileSync(path.join(workspace, 'zones', 'blob.inc'), Buffer.from([0x77, 0x00, 0x77]));
    fs.writeFileSync(path.join(dir, 'secret.inc'), 'outside IN A 192.0.2.2\n');
    fs.symlinkSync(path.join(dir, 'secret.inc'), path.join(workspace, 'zones', 'link.inc'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('resolves relative to the including file', () => {
    const reader = new NodeFileReader();
    assert.equal(reader.resolve('/srv/zones/db.example.com', 'hosts.inc'), '/srv/zones/hosts.inc');
    assert.equal(reader.resolve('/srv/zones/db.example.com', '../common/ns.inc'), '/srv/common/ns.inc');
    assert.equal(reader.resolve('/srv/zones/db.example.com', '/etc/bind/x.inc'), '/etc/bind/x.inc');
  });

  it('reads text and drops a byte order mark', () => {
    assert.deepEqual(new NodeFileReader().read(path.join(workspace, 'zones', 'hosts.inc')), { text: 'www IN A 192.0.2.1\n' });
  });

  it('refuses missing files, directories and binary files with a reason', () => {
    const reader = new NodeFileReader();
    const reason = (file: string): string => {
      const r = reader.read(file);
      assert.ok('error' in r, `${file} should not be readable`);
      return r.error;
    };
    assert.match(reason(path.join(workspace, 'zones', 'nope.inc')), /no such file/);
    assert.match(reason(path.join(workspace, 'zones')), /is a directory/);
    assert.match(reason(path.join(workspace, 'zones', 'blob.inc')), /binary/);
  });

  it('refuses files over the size limit', () => {
    const r = readZoneFile(path.join(workspace, 'zones', 'hosts.inc'), 4);
    assert.ok('error' in r && /too large/.test(r.error));
  });

  it('with a workspace root, refuses paths outside it, also through symbolic links', () => {
    const reader = new NodeFileReader({ roots: [workspace] });
    assert.ok('text' in reader.read(path.join(workspace, 'zones', 'hosts.inc')));
    const outside = reader.read(path.join(dir, 'secret.inc'));
    assert.ok('error' in outside && /outside the workspace/.test(outside.error));
    const linked = reader.read(path.join(workspace, 'zones', 'link.inc'));
    assert.ok('error' in linked && /outside the workspace/.test(linked.error));
    const climbing = reader.read(path.join(workspace, 'zones', '..', '..', 'secret.inc'));
    assert.ok('error' in climbing && /outside the workspace/.test(climbing.error));
  });
});
