import { defineConfig } from 'vitest/config';

/**
 * Three projects: pure unit tests (domain, lib, and the web's pure modules); the integration suite on PGlite; the same suite on PostgreSQL
 * when TEST_DATABASE_URL is set (CI sets it and fails if the server is unreachable).
 */
const integration = ['src/modules/**/*.test.ts', 'test/**/*.test.ts'];
const integrationProject = (name: 'pglite' | 'postgres') => ({
  test: {
    name,
    include: integration,
    env: { TEST_DB: name },
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/domain/**/*.test.ts', 'src/lib/**/*.test.ts', 'src/demo/**/*.test.ts', 'src/*.test.ts', 'web/src/**/*.test.ts'],
          // the web's design tokens are read as text by web/src/styles/tokens.test.ts
          css: { include: [/tokens\.css/] },
        },
      },
      integrationProject('pglite'),
      ...(process.env.TEST_DATABASE_URL ? [integrationProject('postgres')] : []),
    ],
  },
});
