#!/usr/bin/env node
'use strict';
// The `ado` command: a thin launcher for the bundled CLI that `npm install` builds.
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'ado.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write(`ado: ${bundle} is missing. Run "npm install" (or "npm run build") in ${path.dirname(__dirname)} first.\n`);
  process.exit(1);
}
require(bundle);
