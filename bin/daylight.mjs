#!/usr/bin/env node
// The bundle is built by `npm ci` (prepare) and by `npm run build`.
import '../dist/daylight.mjs';
