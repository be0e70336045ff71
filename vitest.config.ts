import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'protocol/src/**/*.test.ts',
            'client/src/**/*.test.ts',
            'console/src/**/*.test.ts',
            'server/src/**/*.test.ts',
            'firmware-bridge/src/**/*.test.ts',
            'display/src/**/*.test.ts',
            'display/scripts/**/*.test.ts',
            'kiosk/src/**/*.test.ts',
            'counter/src/**/*.test.ts',
            // The province load model's pure parts (the bench itself runs apart, npm run bench).
            'tests/bench/province/**/*.test.ts',
          ],
          testTimeout: 20_000,
          // Real servers and Redis start in the hooks: room for a loaded machine.
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'system',
          include: ['tests/system/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
