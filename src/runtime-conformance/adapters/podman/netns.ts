/**
 * The private-netns helpers moved to adapters/netns.ts (podman and containerd-cri share them); re-exported here
 * for modules that still import them from the podman adapter.
 * @deprecated import from `../netns.ts`
 */
export { createPrivateNetns, netnsIdentity, removePrivateNetns } from '../netns.ts';
