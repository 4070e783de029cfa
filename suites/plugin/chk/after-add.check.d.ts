/**
 * P-CHK-1 / P-CHK-5: CHECK with the ADD result as prevResult passes right after ADD, with no settling time
 * (notes §2.8; containernetworking/plugins#296).
 */
export {};
