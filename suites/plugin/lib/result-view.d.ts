export interface ViewInterface {
  readonly name: string;
  readonly mac: string | undefined;
  readonly sandbox: string | undefined;
}
export interface ViewIp {
  /** Canonical "ip/prefix". */
  readonly address: string;
  readonly gateway: string | undefined;
  readonly interface: number | undefined;
}
export interface ViewRoute {
  /** Canonical CIDR. */
  readonly dst: string;
  readonly gw: string | undefined;
}
export interface ResultView {
  readonly cniVersion: unknown;
  readonly interfaces: readonly ViewInterface[];
  readonly ips: readonly ViewIp[];
  readonly routes: readonly ViewRoute[];
  readonly dns: unknown;
}
/** The view of a parsed result (anything that is not an object gives an empty view). */
export declare function viewResult(raw: unknown): ResultView;
