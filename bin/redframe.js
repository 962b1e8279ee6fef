#!/usr/bin/env node
// Thin launcher: the command is built into dist/ by `npm run build` (run by `prepare` on install).
import '../dist/cli/main.js';
