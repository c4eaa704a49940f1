import { defineConfig } from 'vitest/config'

// Two cores on CI machines: keep the pool small.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'threads',
    maxWorkers: 2,
    testTimeout: 20000,
  },
})
