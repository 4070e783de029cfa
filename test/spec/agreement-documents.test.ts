import { describe } from 'vitest';
import { AGREEMENT_SEED, describeAgreement } from './agreement.ts';
import {
  conflist,
  gcAttachment,
  legacyConf,
  pluginConfig,
  requestConfig,
  runtimeConfig,
  versionResult,
  wireError,
} from './arbitraries.ts';

describe(`zod and ajv agree on configurations and other documents (seed ${AGREEMENT_SEED})`, () => {
  describeAgreement([
    { name: 'conflist', label: 'conflist', arb: conflist },
    { name: 'conf', label: 'conf', arb: legacyConf },
    { name: 'plugin-config', label: 'plugin-config', arb: pluginConfig },
    { name: 'request-config', label: 'request-config', arb: requestConfig },
    { name: 'runtime-config', label: 'runtime-config', arb: runtimeConfig },
    { name: 'version-result', label: 'version-result', arb: versionResult },
    { name: 'error', label: 'error', arb: wireError },
    { name: 'gc-attachment', label: 'gc-attachment', arb: gcAttachment },
  ]);
});
