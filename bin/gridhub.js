#!/usr/bin/env node
// Entry point of the `gridhub` command: runs the compiled CLI (build with `npm run build`).
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const cli = join(__dirname, '..', 'dist', 'src', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('gridhub is not built yet: run `npm run build` (npm start does it for you).\n');
  process.exit(1);
}
require(cli).main();
