/**
 * CNI_ARGS (`K=V;K2=V2`, CONVENTIONS.md). Unknown keys are ignored as the spec asks (P-ENV-5), unlike the Go
 * plugins that need `IgnoreUnknown=1`.
 */
import { PLUGIN_ERROR_CODES, PluginError } from './errors.ts';

/** Parses CNI_ARGS into a map; a pair without '=' is an environment error (code 4) naming the pair. */
export function parseCniArgs(raw: string): ReadonlyMap<string, string> {
  const pairs = new Map<string, string>();
  for (const pair of raw.split(';')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    if (equals <= 0)
      throw new PluginError(PLUGIN_ERROR_CODES.INVALID_ENVIRONMENT, 'CNI_ARGS: invalid pair', pair);
    pairs.set(pair.slice(0, equals), pair.slice(equals + 1));
  }
  return pairs;
}
