import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The full edition (EPUB and PDF) is built once, in a temporary folder, for all tests.
    globalSetup: ["test/setup/build-edition.ts"],
    // Limits, not timings: a slow shared machine must not fail a test.
    testTimeout: 180_000,
    hookTimeout: 600_000,
    pool: "forks",
  },
});
