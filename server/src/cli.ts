#!/usr/bin/env node
// The `nobat` command (server/package.json "bin"; built into dist/cli.js): see ops/cli-commands.ts.
import { runCli } from './ops/cli-commands.ts';

process.exitCode = await runCli(process.argv.slice(2), process.env);
