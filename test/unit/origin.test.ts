/** Guessing a zone's origin from its file name, for files without `$ORIGIN`. */
import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import { guessOrigin } from '../../server/src/node/origin';

it('reads the zone name from the usual file names', () => {
  assert.equal(guessOrigin('/etc/bind/db.example.com'), 'example.com.');
  assert.equal(guessOrigin('zones/example.com.zone'), 'example.com.');
  assert.equal(guessOrigin('Example.COM.zonefile'), 'example.com.');
  assert.equal(guessOrigin('db.mail.example.org.zone'), 'mail.example.org.');
  assert.equal(guessOrigin('_tcp.example.com.zone'), '_tcp.example.com.');
});

it('makes no guess from other names', () => {
  assert.equal(guessOrigin('/etc/bind/named.conf'), undefined);
  assert.equal(guessOrigin('zones/example.com'), undefined);
  assert.equal(guessOrigin('db.'), undefined);
  assert.equal(guessOrigin('.zone'), undefined);
  assert.equal(guessOrigin('db.127'), undefined);
  assert.equal(guessOrigin('db.192.168.1'), undefined);
  assert.equal(guessOrigin('db.bad..name'), undefined);
  assert.equal(guessOrigin('db.ex ample.com'), undefined);
});
