/**
 * fast-check arbitraries for every CNI document: valid values per version, and mutations of them
 * that are usually (not always) invalid. Arrays are never empty, because Go omits empty arrays and the
 * converters do too, so "[] vs absent" is not information the round-trip property should track.
 */
import fc from 'fast-check';
import { type CniVersion } from '../../src/spec/versions.ts';
export declare const ipv4: fc.Arbitrary<string>;
export declare const ipv6: fc.Arbitrary<string>;
export declare const ip: fc.Arbitrary<string>;
export declare const cidr4: fc.Arbitrary<string>;
export declare const cidr6: fc.Arbitrary<string>;
export declare const cidr: fc.Arbitrary<string>;
export declare const dns: fc.Arbitrary<{
  nameservers: string[];
  domain: string;
  search: string[];
  options: string[];
}>;
/** A 0.1.0/0.2.0 result at `version`. */
export declare const v020Result: (version: string) => fc.Arbitrary<{
  cniVersion: string;
  ip4: {
    ip: string;
    gateway: string;
    routes: {
      dst: string;
      gw: string;
    }[];
  };
  ip6: {
    ip: string;
    gateway: string;
    routes: {
      dst: string;
      gw: string;
    }[];
  };
  dns: {
    nameservers: string[];
    domain: string;
    search: string[];
    options: string[];
  };
}>;
/** A 0.3.x/0.4.0 result (or abbreviated IPAM result) at `version`. */
export declare const v040Result: (
  version: string,
  ipam?: boolean,
) => fc.Arbitrary<{
  ips: {
    interface?: number | undefined;
    version: '4' | '6';
    address: string;
    gateway: string;
  }[];
  routes: {
    dst: string;
    gw: string;
  }[];
  dns: {
    nameservers: string[];
    domain: string;
    search: string[];
    options: string[];
  };
  interfaces?:
    | {
        name: string;
        mac: string;
        sandbox: string;
      }[]
    | undefined;
  cniVersion: string;
}>;
/** A 1.x result (or abbreviated IPAM result) at `version`; `with11` adds the 1.1-only fields sometimes. */
export declare const v100Result: (
  version: string,
  ipam?: boolean,
  with11?: boolean,
) => fc.Arbitrary<{
  ips: {
    interface?: number | undefined;
    address: string;
    gateway: string;
  }[];
  routes: {
    dst: string;
    gw: string;
  }[];
  dns: {
    nameservers: string[];
    domain: string;
    search: string[];
    options: string[];
  };
  interfaces?:
    | {
        name: string;
        mac: string;
        sandbox: string;
      }[]
    | undefined;
  cniVersion: string;
}>;
/** A valid ADD result at any released version. */
export declare function resultAt(version: CniVersion, ipam?: boolean): fc.Arbitrary<Record<string, unknown>>;
/** A valid ADD result of any version. */
export declare const anyResult: fc.Arbitrary<Record<string, unknown>>;
/** A plugin configuration object. */
export declare const pluginConfig: fc.Arbitrary<{
  type: 'bridge' | 'host-local' | 'loopback' | 'portmap' | 'x-plugin';
  capabilities: Record<string, boolean>;
  ipMasq: boolean;
  ipam: {
    type: 'host-local' | 'static';
    subnet: string;
  };
  dns: {
    nameservers: string[];
    domain: string;
    search: string[];
    options: string[];
  };
  'x-plugin-key':
    | ((
        | string
        | number
        | boolean
        | fc.JsonValue[]
        | {
            [x: string]: fc.JsonValue | undefined;
          }
        | undefined
      ) &
        (
          | string
          | number
          | boolean
          | fc.JsonValue[]
          | {
              [x: string]: fc.JsonValue | undefined;
            }
        ))
    | null;
}>;
/** A network configuration list with the 1.1.0 keys. */
export declare const conflist: fc.Arbitrary<{
  cniVersion: '0.1.0' | '0.2.0' | '0.3.0' | '0.3.1' | '0.4.0' | '1.0.0' | '1.1.0' | '9.9.9';
  cniVersions: ('0.1.0' | '0.2.0' | '0.3.0' | '0.3.1' | '0.4.0' | '1.0.0' | '1.1.0' | '9.9.9')[];
  name: string;
  disableCheck: boolean | 'true' | 'false';
  disableGC: boolean;
  loadOnlyInlinedPlugins: boolean;
  plugins: {
    type: 'bridge' | 'host-local' | 'loopback' | 'portmap' | 'x-plugin';
    capabilities: Record<string, boolean>;
    ipMasq: boolean;
    ipam: {
      type: 'host-local' | 'static';
      subnet: string;
    };
    dns: {
      nameservers: string[];
      domain: string;
      search: string[];
      options: string[];
    };
    'x-plugin-key':
      | ((
          | string
          | number
          | boolean
          | fc.JsonValue[]
          | {
              [x: string]: fc.JsonValue | undefined;
            }
          | undefined
        ) &
          (
            | string
            | number
            | boolean
            | fc.JsonValue[]
            | {
                [x: string]: fc.JsonValue | undefined;
              }
          ))
      | null;
  }[];
}>;
/** A legacy single-plugin .conf. */
export declare const legacyConf: fc.Arbitrary<{
  cniVersion: '0.1.0' | '0.2.0' | '0.3.0' | '0.3.1' | '0.4.0' | '1.0.0' | '1.1.0' | '9.9.9';
  name: string;
  type: 'bridge' | 'host-local' | 'loopback' | 'portmap' | 'x-plugin';
  capabilities: Record<string, boolean>;
  ipMasq: boolean;
  ipam: {
    type: 'host-local' | 'static';
    subnet: string;
  };
  dns: {
    nameservers: string[];
    domain: string;
    search: string[];
    options: string[];
  };
  'x-plugin-key':
    | ((
        | string
        | number
        | boolean
        | fc.JsonValue[]
        | {
            [x: string]: fc.JsonValue | undefined;
          }
        | undefined
      ) &
        (
          | string
          | number
          | boolean
          | fc.JsonValue[]
          | {
              [x: string]: fc.JsonValue | undefined;
            }
        ))
    | null;
}>;
/** runtimeConfig with the conventional capability shapes. */
export declare const runtimeConfig: fc.Arbitrary<{
  portMappings: {
    hostPort: number;
    containerPort: number;
    protocol: 'tcp' | 'udp' | 'sctp';
    hostIP: string;
  }[];
  ipRanges: {
    subnet: string;
    rangeStart: string;
    rangeEnd: string;
    gateway: string;
  }[][];
  bandwidth: {
    ingressRate: number;
    ingressBurst: number;
    egressRate: number;
    egressBurst: number;
  };
  dns: {
    servers: string[];
    searches: string[];
    options: string[];
  };
  ips: string[];
  mac: string;
  infinibandGUID: string;
  deviceID: string;
  aliases: string[];
  cgroupPath: string;
}>;
declare const gcAttachment: fc.Arbitrary<{
  containerID: string;
  ifname: string;
}>;
/** A request configuration, with a prevResult of the request version's family. */
export declare const requestConfig: fc.Arbitrary<{
  cniVersion: '0.1.0' | '0.2.0' | '0.3.0' | '0.3.1' | '0.4.0' | '1.0.0' | '1.1.0';
  name: string;
  runtimeConfig: {
    portMappings: {
      hostPort: number;
      containerPort: number;
      protocol: 'tcp' | 'udp' | 'sctp';
      hostIP: string;
    }[];
    ipRanges: {
      subnet: string;
      rangeStart: string;
      rangeEnd: string;
      gateway: string;
    }[][];
    bandwidth: {
      ingressRate: number;
      ingressBurst: number;
      egressRate: number;
      egressBurst: number;
    };
    dns: {
      servers: string[];
      searches: string[];
      options: string[];
    };
    ips: string[];
    mac: string;
    infinibandGUID: string;
    deviceID: string;
    aliases: string[];
    cgroupPath: string;
  };
  prevResult: Record<string, unknown>;
  args: {
    cni: {
      labels: {
        key: string;
        value: string;
      }[];
      ips: string[];
    };
  };
  'cni.dev/valid-attachments':
    | {
        containerID: string;
        ifname: string;
      }[]
    | null;
  'cni.dev/attachments': {
    containerID: string;
    ifname: string;
  }[];
  type: 'bridge' | 'host-local' | 'loopback' | 'portmap' | 'x-plugin';
  capabilities: Record<string, boolean>;
  ipMasq: boolean;
  ipam: {
    type: 'host-local' | 'static';
    subnet: string;
  };
  dns: {
    nameservers: string[];
    domain: string;
    search: string[];
    options: string[];
  };
  'x-plugin-key':
    | ((
        | string
        | number
        | boolean
        | fc.JsonValue[]
        | {
            [x: string]: fc.JsonValue | undefined;
          }
        | undefined
      ) &
        (
          | string
          | number
          | boolean
          | fc.JsonValue[]
          | {
              [x: string]: fc.JsonValue | undefined;
            }
        ))
    | null;
}>;
/** A VERSION result. */
export declare const versionResult: fc.Arbitrary<{
  cniVersion: '0.1.0' | '0.2.0' | '0.3.0' | '0.3.1' | '0.4.0' | '1.0.0' | '1.1.0' | '9.9.9';
  supportedVersions: ('0.1.0' | '0.2.0' | '0.3.0' | '0.3.1' | '0.4.0' | '1.0.0' | '1.1.0')[];
}>;
/** A plugin error object. */
export declare const wireError: fc.Arbitrary<{
  cniVersion: '0.1.0' | '0.2.0' | '0.3.0' | '0.3.1' | '0.4.0' | '1.0.0' | '1.1.0' | '9.9.9';
  code: number;
  msg: string;
  details: string;
}>;
export { gcAttachment };
