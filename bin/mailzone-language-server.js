#!/usr/bin/env node
// The standalone language server for editors other than VS Code (`--stdio`).
require('../dist/server.js');
