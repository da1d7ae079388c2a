/**
 * A seeded PRNG (mulberry32): random positions and edits are the same on
 * every run. CommonJS, so that the benchmark's ES modules and its CommonJS
 * child scripts share it.
 */
'use strict';

function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

module.exports = { seededRandom };
