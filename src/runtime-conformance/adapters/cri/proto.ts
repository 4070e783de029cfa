/**
 * The CRI protocol the containerd-cri adapter speaks, kept here as text (the only copy) so it is found from src/
 * (tsx, vitest) and from the bundled dist/cli.js alike. proto-loader only reads files, so
 * {@link loadRuntimeServiceClient} writes the text to `runtime-v1.proto` in a scratch dir.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/** The text of runtime-v1.proto (a slice of k8s.io/cri-api's api.proto). */
export const CRI_RUNTIME_PROTO = `// The slice of the Kubernetes CRI RuntimeService that the containerd-cri adapter calls: pod sandboxes and the
// runtime status. Names and field numbers follow k8s.io/cri-api pkg/apis/runtime/v1/api.proto (Apache-2.0,
// The Kubernetes Authors); only the messages and fields used here are declared, so protobuf skips the rest.
// containerd 1.6 serves the same messages as runtime.v1alpha2 too.
syntax = "proto3";

package runtime.v1;

service RuntimeService {
  rpc Version(VersionRequest) returns (VersionResponse) {}
  rpc RunPodSandbox(RunPodSandboxRequest) returns (RunPodSandboxResponse) {}
  rpc StopPodSandbox(StopPodSandboxRequest) returns (StopPodSandboxResponse) {}
  rpc RemovePodSandbox(RemovePodSandboxRequest) returns (RemovePodSandboxResponse) {}
  rpc ListPodSandbox(ListPodSandboxRequest) returns (ListPodSandboxResponse) {}
  rpc Status(StatusRequest) returns (StatusResponse) {}
}

message VersionRequest {
  string version = 1;
}

message VersionResponse {
  string version = 1;
  string runtime_name = 2;
  string runtime_version = 3;
  string runtime_api_version = 4;
}

enum Protocol {
  TCP = 0;
  UDP = 1;
  SCTP = 2;
}

message PortMapping {
  Protocol protocol = 1;
  int32 container_port = 2;
  int32 host_port = 3;
  string host_ip = 4;
}

message PodSandboxMetadata {
  string name = 1;
  string uid = 2;
  string namespace = 3;
  uint32 attempt = 4;
}

message LinuxPodSandboxConfig {
  string cgroup_parent = 1;
}

message PodSandboxConfig {
  PodSandboxMetadata metadata = 1;
  string hostname = 2;
  string log_directory = 3;
  repeated PortMapping port_mappings = 5;
  map<string, string> labels = 6;
  map<string, string> annotations = 7;
  LinuxPodSandboxConfig linux = 8;
}

message RunPodSandboxRequest {
  PodSandboxConfig config = 1;
  string runtime_handler = 2;
}

message RunPodSandboxResponse {
  string pod_sandbox_id = 1;
}

message StopPodSandboxRequest {
  string pod_sandbox_id = 1;
}

message StopPodSandboxResponse {}

message RemovePodSandboxRequest {
  string pod_sandbox_id = 1;
}

message RemovePodSandboxResponse {}

enum PodSandboxState {
  SANDBOX_READY = 0;
  SANDBOX_NOTREADY = 1;
}

message PodSandboxFilter {
  string id = 1;
}

message ListPodSandboxRequest {
  PodSandboxFilter filter = 1;
}

message PodSandbox {
  string id = 1;
  PodSandboxMetadata metadata = 2;
  PodSandboxState state = 3;
}

message ListPodSandboxResponse {
  repeated PodSandbox items = 1;
}

message StatusRequest {
  bool verbose = 1;
}

message RuntimeCondition {
  string type = 1;
  bool status = 2;
  string reason = 3;
  string message = 4;
}

message RuntimeStatus {
  repeated RuntimeCondition conditions = 1;
}

message StatusResponse {
  RuntimeStatus status = 1;
  map<string, string> info = 2;
}
`;

/** The generated client class of `runtime.v1.RuntimeService`. */
export type RuntimeServiceClientClass = grpc.ServiceClientConstructor;

/** Writes the proto to `<scratchDir>/runtime-v1.proto` and loads the RuntimeService client class. */
export async function loadRuntimeServiceClient(scratchDir: string): Promise<RuntimeServiceClientClass> {
  const file = join(scratchDir, 'runtime-v1.proto');
  await writeFile(file, CRI_RUNTIME_PROTO);
  const definition = await protoLoader.load(file, {
    keepCase: true,
    longs: Number,
    enums: String,
    defaults: true,
  });
  const runtime = grpc.loadPackageDefinition(definition).runtime as grpc.GrpcObject;
  return (runtime.v1 as grpc.GrpcObject).RuntimeService as RuntimeServiceClientClass;
}
