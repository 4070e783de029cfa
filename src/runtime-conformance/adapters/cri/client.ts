/**
 * A small promise-based client for the pod-sandbox slice of CRI's RuntimeService (runtime.v1) over a unix
 * socket, typed after runtime-v1.proto (proto-loader options: keepCase, enums as strings, longs as numbers).
 */
import * as grpc from '@grpc/grpc-js';
import { loadRuntimeServiceClient } from './proto.ts';

/** runtime.v1.PortMapping. */
export interface CriPortMapping {
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
  readonly container_port: number;
  readonly host_port: number;
  readonly host_ip?: string;
}

/** runtime.v1.PodSandboxConfig (the fields declared in runtime-v1.proto). */
export interface CriPodSandboxConfig {
  readonly metadata: {
    readonly name: string;
    readonly uid: string;
    readonly namespace: string;
    readonly attempt: number;
  };
  readonly hostname?: string;
  readonly port_mappings?: readonly CriPortMapping[];
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly linux?: { readonly cgroup_parent?: string };
}

/** runtime.v1.RuntimeCondition. */
export interface CriCondition {
  readonly type: string;
  readonly status: boolean;
  readonly reason: string;
  readonly message: string;
}

/** runtime.v1.PodSandbox (declared fields). */
export interface CriPodSandbox {
  readonly id: string;
  readonly state: 'SANDBOX_READY' | 'SANDBOX_NOTREADY';
}

/** A CRI call that failed: the gRPC status and the runtime's message. */
export interface CriError {
  readonly grpcCode: number;
  readonly details: string;
}

/** Either the response or the runtime's error (a refusal is data, not an exception). */
export type CriReply<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: CriError };

type Callback = (error: grpc.ServiceError | null, response: unknown) => void;
type Method = (request: object, options: grpc.CallOptions, callback: Callback) => void;

/** Pod-sandbox calls against one CRI endpoint. */
export interface CriClient {
  version(): Promise<
    CriReply<{ runtime_name: string; runtime_version: string; runtime_api_version: string }>
  >;
  /** The runtime conditions (RuntimeReady, NetworkReady). */
  status(): Promise<CriReply<readonly CriCondition[]>>;
  runPodSandbox(config: CriPodSandboxConfig): Promise<CriReply<string>>;
  stopPodSandbox(id: string): Promise<CriReply<void>>;
  removePodSandbox(id: string): Promise<CriReply<void>>;
  listPodSandbox(): Promise<CriReply<readonly CriPodSandbox[]>>;
  close(): void;
}

/** Connects to `unix://<socket>`; every call has `timeoutMs` to finish. */
export async function connectCri(socket: string, scratchDir: string, timeoutMs = 60_000): Promise<CriClient> {
  const Client = await loadRuntimeServiceClient(scratchDir);
  const client = new Client(`unix://${socket}`, grpc.credentials.createInsecure());
  const call = <T>(name: string, request: object): Promise<CriReply<T>> =>
    new Promise((resolve) => {
      const method = (client as unknown as Record<string, Method>)[name] as Method;
      method.call(client, request, { deadline: Date.now() + timeoutMs }, (error, response) =>
        resolve(
          error
            ? { ok: false, error: { grpcCode: error.code, details: error.details || error.message } }
            : { ok: true, value: response as T },
        ),
      );
    });
  const map = <T, U>(reply: CriReply<T>, f: (value: T) => U): CriReply<U> =>
    reply.ok ? { ok: true, value: f(reply.value) } : reply;
  return {
    version: () => call('Version', { version: 'v1' }),
    status: async () =>
      map(
        await call<{ status?: { conditions?: CriCondition[] } }>('Status', {}),
        (r) => r.status?.conditions ?? [],
      ),
    runPodSandbox: async (config) =>
      map(await call<{ pod_sandbox_id: string }>('RunPodSandbox', { config }), (r) => r.pod_sandbox_id),
    stopPodSandbox: async (id) => map(await call('StopPodSandbox', { pod_sandbox_id: id }), () => undefined),
    removePodSandbox: async (id) =>
      map(await call('RemovePodSandbox', { pod_sandbox_id: id }), () => undefined),
    listPodSandbox: async () =>
      map(await call<{ items?: CriPodSandbox[] }>('ListPodSandbox', {}), (r) => r.items ?? []),
    close: () => client.close(),
  };
}
