/** The compatibility matrix types, as the catalogue defines them (one definition, re-exported). */
export type { Channel, CompatStatus, CompatibilityCell, CompatibilityMatrix } from '../models/catalogue/compat.ts';
