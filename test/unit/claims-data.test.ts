import { readFileSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PHONE_METADATA_BROTLI } from '../../shared/domain/claims/phone-metadata.js';

describe('The compressed claims data', () => {
  it("holds exactly the installed libphonenumber-js's full metadata (regenerate with scripts/build-claims-data.mjs)", () => {
    const shipped = JSON.parse(
      brotliDecompressSync(Buffer.from(PHONE_METADATA_BROTLI, 'base64')).toString('utf8'),
    );
    const installed = JSON.parse(readFileSync('node_modules/libphonenumber-js/metadata.max.json', 'utf8'));
    expect(shipped).toEqual(installed);
  });
});
