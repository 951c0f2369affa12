// Three projects, named for what they touch:
//   unit         plain function calls: no servers, no child processes, no sockets (enforced by
//                test/setup/unit-isolation.cjs); the loop a contributor runs before every commit.
//   integration  the sandbox's stand-ins and the real tools (registry, dockerd, buildah, kubectl,
//                the AWS CLI), and the fuzz suites; files under packages/*/test/integration/.
//   e2e          the committed bundles run the way the Actions runner runs them; files under test/.
const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } },
    ],
  },
  testEnvironment: 'node',
};

const libraryTests = ['<rootDir>/packages/*/test/**/*.test.ts', '<rootDir>/actions/*/test/**/*.test.ts'];
const integrationTests = ['<rootDir>/packages/*/test/integration/**/*.test.ts', '<rootDir>/actions/*/test/integration/**/*.test.ts'];

export default {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: libraryTests,
      testPathIgnorePatterns: ['/node_modules/', '/test/integration/'],
      setupFilesAfterEnv: ['<rootDir>/test/setup/unit-isolation.cjs'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: integrationTests,
      setupFilesAfterEnv: ['<rootDir>/test/setup/integration-deadline.cjs'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/setup/e2e-deadline.cjs'],
      testPathIgnorePatterns: ['/node_modules/', '/test/setup/'],
    },
  ],
};
