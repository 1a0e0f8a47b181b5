/**
 * oslo.messaging RPC versions ("major.minor", optionally ".revision" as in the seed procedure's
 * `compute = 3.23.1`). A cap is an upper bound: a client sends the newest method version at or
 * below it, and method versions are major.minor, so a revision only ever rounds down.
 */
export type RpcVersion = string & { readonly __brand: 'RpcVersion' };

export interface ParsedVersion {
  major: number;
  minor: number;
}

const VERSION = /^(\d+)\.(\d+)(?:\.(\d+))?$/;

export function isRpcVersion(text: string): boolean {
  return VERSION.test(text.trim());
}

export function parseRpcVersion(text: string): ParsedVersion {
  const m = VERSION.exec(text.trim());
  if (!m) throw new Error(`not an RPC version: ${text}`);
  return { major: Number(m[1]), minor: Number(m[2]) };
}

export function formatRpcVersion(v: ParsedVersion): RpcVersion {
  return `${v.major}.${v.minor}` as RpcVersion;
}

export function compareRpc(a: ParsedVersion, b: ParsedVersion): number {
  return a.major - b.major || a.minor - b.minor;
}

export function minRpc(a: ParsedVersion, b: ParsedVersion): ParsedVersion {
  return compareRpc(a, b) <= 0 ? a : b;
}
