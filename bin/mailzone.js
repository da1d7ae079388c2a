#!/usr/bin/env node
// The `mailzone` command: the bundled CLI does the work.
require('../dist/cli.js');
