import catalog from './network-catalog.json' with { type: 'json' };

/** One provider of the curated catalogue (network-catalog.json, documented in README.md beside it). */
export interface CatalogEntry {
  provider: string;
  kind: string;
  asns: number[];
  /** The organisation name each ASN had in the ASN database it was checked against. */
  verifiedAs?: Record<string, string>;
  organizationPatterns?: string[];
  namedInDprkCases: boolean;
  sources: string[];
}

/** The JSON's inferred type is a union of every entry's own shape; this is the shape they share. */
export const CATALOG_PROVIDERS = catalog.providers as CatalogEntry[];
