/**
 * LEAK (P-DEL-1, P-DEL-4): the sandbox after ADD + DEL equals the sandbox before ADD, except for scaffolding. The
 * inspector compares everything it sees (links, addresses, routes, rules, iptables, nft, sysctls, IPAM files,
 * processes), so leaked veths, nat chains and reservations all show (kubernetes#57280, containers/dnsname#73).
 */
export {};
