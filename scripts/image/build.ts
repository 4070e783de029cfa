/**
 * `npm run image [-- TAG]`: builds the harness's container image (Dockerfile) from this host's Debian packages
 * and the built harness; nothing is pulled. Default tag: cni-conformance:<package version>.
 */
import { packageRoot, packageVersion } from '../../src/package-root.ts';
import { buildHarnessImage } from '../../src/sandbox/docker/debian-base.ts';

const root = packageRoot();
const tag = process.argv[2] ?? `cni-conformance:${packageVersion(root)}`;
try {
  process.stdout.write(`${await buildHarnessImage(root, tag)}\n`);
} catch (error) {
  process.stderr.write(
    `build-image: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`,
  );
  process.exit(2);
}
