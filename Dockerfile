# The cni-conformance harness as a container image: Debian's Node and host tools, the built harness, no plugin.
# The base is made from this host's Debian packages (src/sandbox/docker/debian-base.ts) and never pulled:
#   npm run build && npm run image            (or: docker build --build-arg BASE=<that tag> .)
# Run it against a node's plugins (see sonobuoy/cni-conformance.yaml for the pod spec):
#   docker run --rm --cap-add NET_ADMIN --cap-add SYS_ADMIN --security-opt apparmor=unconfined \
#     -v /opt/cni/bin:/host/opt/cni/bin:ro -v /etc/cni/net.d:/host/etc/cni/net.d:ro -v "$PWD/results":/tmp/sonobuoy/results \
#     cni-conformance:0.1.0
ARG BASE=cni-conformance/debian-base:local
FROM ${BASE}
WORKDIR /opt/cni-conformance
COPY package.json ./
COPY node_modules ./node_modules
COPY dist ./dist
COPY src ./src
COPY suites ./suites
COPY schemas ./schemas
COPY fixtures ./fixtures
COPY scripts/image/entrypoint.mjs ./scripts/image/entrypoint.mjs
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    NO_COLOR=1 \
    CNI_BIN_DIR=/host/opt/cni/bin \
    CNI_CONF_DIR=/host/etc/cni/net.d \
    SONOBUOY_RESULTS_DIR=/tmp/sonobuoy/results
ENTRYPOINT ["/usr/bin/node", "/opt/cni-conformance/scripts/image/entrypoint.mjs"]
