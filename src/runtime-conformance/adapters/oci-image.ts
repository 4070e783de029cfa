/**
 * A one-layer OCI image archive holding a static busybox, built locally so no registry is needed
 * (`ctr images import` takes it).
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runHostCommand } from '../../sandbox/host-command.ts';

/** The image name the archive carries. */
export const BUSYBOX_IMAGE = 'docker.io/library/cnc-busybox:latest';

interface Descriptor {
  readonly digest: string;
  readonly size: number;
}

async function writeBlob(blobsDir: string, data: Buffer): Promise<Descriptor> {
  const hex = createHash('sha256').update(data).digest('hex');
  await writeFile(join(blobsDir, hex), data);
  return { digest: `sha256:${hex}`, size: data.length };
}

/** What the image is called and runs; the defaults are the `ctr run` image's. */
export interface BusyboxImageOptions {
  /** @defaultValue {@link BUSYBOX_IMAGE} */
  readonly name?: string;
  /** The image config's Cmd. @defaultValue ["/bin/sh"] */
  readonly cmd?: readonly string[];
}

/** Builds `<dir>/image.tar` from a static busybox binary; returns its path. */
export async function buildBusyboxImage(
  dir: string,
  busybox = '/bin/busybox',
  options: BusyboxImageOptions = {},
): Promise<string> {
  const rootfs = join(dir, 'rootfs');
  const layout = join(dir, 'oci');
  const blobs = join(layout, 'blobs/sha256');
  await mkdir(join(rootfs, 'bin'), { recursive: true });
  await mkdir(blobs, { recursive: true });
  await copyFile(busybox, join(rootfs, 'bin/busybox'));
  for (const applet of ['sh', 'sleep']) await symlink('busybox', join(rootfs, 'bin', applet));
  await runHostCommand('tar', ['-C', rootfs, '-cf', join(dir, 'layer.tar'), '.']);
  const layer = await writeBlob(blobs, await readFile(join(dir, 'layer.tar')));
  const imageConfig = {
    architecture: 'amd64',
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: [layer.digest] },
    config: { Cmd: [...(options.cmd ?? ['/bin/sh'])] },
  };
  const config = await writeBlob(blobs, Buffer.from(JSON.stringify(imageConfig)));
  const manifest = await writeBlob(
    blobs,
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
        layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...layer }],
      }),
    ),
  );
  const annotations = {
    'io.containerd.image.name': options.name ?? BUSYBOX_IMAGE,
    'org.opencontainers.image.ref.name': 'latest',
  };
  await writeFile(
    join(layout, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, annotations }],
    }),
  );
  await writeFile(join(layout, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  const archive = join(dir, 'image.tar');
  await runHostCommand('tar', ['-C', layout, '-cf', archive, '.']);
  return archive;
}
