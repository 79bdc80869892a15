/**
 * Jest runs the test files one after another (the integration tests share one broker and one database server), in
 * one worker process that is replaced once it holds more than `workerIdleMemoryLimit` after a file: every file loads
 * the services afresh, and a single process running all of them in band grew until V8 aborted with its heap full.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/services', '<rootDir>/gateway', '<rootDir>/test'],
  testMatch: ['**/test/**/*.test.ts'],
  // the replica test starts a dozen processes and runs for minutes: `npm run test:replicas` (jest.replicas.config.js)
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/replicas/'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
  },
  // jose, marked and feed are ESM-only; jest's CommonJS runtime needs them transpiled.
  transformIgnorePatterns: ['/node_modules/(?!(jose|marked|feed)/)'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 1,
  workerIdleMemoryLimit: '1536MB',
};
