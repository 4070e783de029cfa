/**
 * sonobuoy/cni-conformance.yaml against the Kubernetes API schema of its kinds (kubernetes-models' generated
 * ajv validators, pinned in package.json): podSpec is a PodSpec, spec a Container, extra-volumes Volumes, and the
 * DaemonSet Sonobuoy makes of them an apps/v1 DaemonSet. Plus what the issue asks of the pod: DaemonSet driver,
 * JUnit results, node network untouched, NET_ADMIN + SYS_ADMIN and never privileged.
 */
import { Ajv } from 'ajv';
import { validate as validateDaemonSet } from 'kubernetes-models/_schemas/IoK8sApiAppsV1DaemonSet';
import { validate as validateContainer } from 'kubernetes-models/_schemas/IoK8sApiCoreV1Container';
import { validate as validatePodSpec } from 'kubernetes-models/_schemas/IoK8sApiCoreV1PodSpec';
import { validate as validateVolume } from 'kubernetes-models/_schemas/IoK8sApiCoreV1Volume';
import { describe, expect, it } from 'vitest';
import { dockerRunArgs, readPluginDefinition } from './pod-spec.ts';

type Validator = ((data: unknown) => boolean) & { errors?: unknown };

function errorsOf(validate: Validator, value: unknown): unknown {
  return validate(value) ? null : validate.errors;
}

/** Sonobuoy's own keys (its plugin manifest format): what it reads to schedule and judge the plugin. */
const SONOBUOY_CONFIG_SCHEMA = {
  type: 'object',
  required: ['driver', 'plugin-name', 'result-format'],
  properties: {
    driver: { enum: ['Job', 'DaemonSet'] },
    'plugin-name': { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' },
    'result-format': { enum: ['junit', 'raw', 'manual', 'gojson'] },
    description: { type: 'string' },
  },
  additionalProperties: false,
} as const;

describe('the Sonobuoy plugin definition', () => {
  const definition = readPluginDefinition();

  it('is valid against the Kubernetes API schema of each of its kinds', () => {
    expect(errorsOf(validatePodSpec, definition.podSpec)).toBeNull();
    expect(errorsOf(validateContainer, definition.spec)).toBeNull();
    for (const volume of definition['extra-volumes'] ?? [])
      expect(errorsOf(validateVolume, volume)).toBeNull();
    // The DaemonSet Sonobuoy creates: the pod spec with the plugin container and the volumes in it.
    const daemonSet = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'sonobuoy-cni-conformance-daemon-set', namespace: 'sonobuoy' },
      spec: {
        selector: { matchLabels: { 'sonobuoy-plugin': 'cni-conformance' } },
        template: {
          metadata: { labels: { 'sonobuoy-plugin': 'cni-conformance' } },
          spec: {
            ...definition.podSpec,
            containers: [definition.spec],
            volumes: [{ name: 'results', emptyDir: {} }, ...(definition['extra-volumes'] ?? [])],
          },
        },
      },
    };
    expect(errorsOf(validateDaemonSet, daemonSet)).toBeNull();
    const ajv = new Ajv({ allErrors: true });
    expect(errorsOf(ajv.compile(SONOBUOY_CONFIG_SCHEMA), definition['sonobuoy-config'])).toBeNull();
  });

  it('catches a wrong type where the schema has one (the validators are not vacuous)', () => {
    expect(validateContainer({ ...definition.spec, image: 3 })).toBe(false);
    expect(validatePodSpec({ ...definition.podSpec, hostNetwork: 'no' })).toBe(false);
    expect(validateVolume({ name: 'x', hostPath: {} })).toBe(false);
  });

  it('runs one pod per node, reports JUnit, leaves the node network alone, is never privileged', () => {
    expect(definition['sonobuoy-config']).toMatchObject({ driver: 'DaemonSet', 'result-format': 'junit' });
    expect(definition.podSpec.hostNetwork).toBe(false);
    expect(definition.spec.securityContext?.privileged).toBe(false);
    expect(definition.spec.securityContext?.capabilities?.add).toEqual(['NET_ADMIN', 'SYS_ADMIN']);
    const mounts = definition.spec.volumeMounts ?? [];
    expect(mounts.find((m) => m.name === 'results')?.mountPath).toBe('/tmp/sonobuoy/results');
    for (const name of ['cni-bin', 'cni-conf'])
      expect(mounts.find((m) => m.name === name)?.readOnly).toBe(true);
  });

  it('becomes docker arguments with the same isolation, capabilities and mounts', () => {
    const args = dockerRunArgs(definition, {
      hostPaths: { '/opt/cni/bin': '/usr/lib/cni', '/etc/cni/net.d': '/conf' },
      emptyDirs: { results: '/results' },
    });
    expect(args.join(' ')).toContain('--network none --cap-add NET_ADMIN --cap-add SYS_ADMIN');
    expect(args).not.toContain('--privileged');
    expect(args).toContain('/usr/lib/cni:/host/opt/cni/bin:ro');
    expect(args).toContain('/results:/tmp/sonobuoy/results');
  });
});
