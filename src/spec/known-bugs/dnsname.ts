/** Bugs of Debian's golang-github-containernetworking-plugin-dnsname (containers/dnsname 1.3.1). */
import type { KnownBug } from './model.ts';

export const DNSNAME_BUGS: readonly KnownBug[] = [];
