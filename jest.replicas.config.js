/** The replica test alone (`npm run test:replicas`): two replicas of every process behind nginx, see infra/replicas.ts. */
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/replicas/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 480000,
};
