// The integration project's per-test deadline (jest ignores `testTimeout` in a project's config).
// Deadlines are for hung tests only: generous, so a loaded 2-core machine never trips them.
/* global jest */
jest.setTimeout(120_000);
