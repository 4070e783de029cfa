import { runPlugin } from '../../skel/run.ts';
import { hostLocalPlugin } from './host-local.ts';

void runPlugin(hostLocalPlugin);
