// The e2e project's per-test deadline (jest ignores `testTimeout` in a project's config). Each
// test starts bundles and the sandbox as processes; generous, for hung tests only.
/* global jest */
jest.setTimeout(240_000);
