// Jest for the Lightning Web Components only (`npm run test:lwc`); vitest runs tests/**/*.test.ts.
import { jestConfig } from '@salesforce/sfdx-lwc-jest/config.js';

export default {
  ...jestConfig,
  roots: ['<rootDir>/force-app'],
  testMatch: ['**/lwc/**/__tests__/**/*.test.js'],
};
