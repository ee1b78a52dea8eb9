import { defineConfig } from "vitest/config";

// Three projects, chosen by the file's name (see the README's "Tests"):
// - unit:    test/**/*.test.ts that are neither of the two below. No global setup: pure
//            modules, small fixture editions written to a temporary folder, the CLI in process.
// - edition: test/**/*.edition.test.ts. The real edition (EPUB and PDF) is built once, in process,
//            by test/setup/build-edition.ts and handed to the tests with provide/inject; its book tree
//            is built once per worker (test/edition-tree.ts; the project shares modules between files).
// - slow:    test/**/*.slow.test.ts. Ace, Java EPUBCheck, other trim sizes, the 10 MB text.
// `npm test` (vitest run) runs all three; `vitest run --project unit` runs one.
const edition = "test/**/*.edition.test.ts";
const slow = "test/**/*.slow.test.ts";

export default defineConfig({
  test: {
    // Limits, not timings: a slow shared machine must not fail a test.
    testTimeout: 180_000,
    hookTimeout: 600_000,
    pool: "forks",
    projects: [
      { extends: true, test: { name: "unit", include: ["test/**/*.test.ts"], exclude: [edition, slow] } },
      { extends: true, test: { name: "edition", include: [edition], globalSetup: ["test/setup/build-edition.ts"], isolate: false } },
      { extends: true, test: { name: "slow", include: [slow], globalSetup: ["test/setup/build-edition.ts"] } },
    ],
  },
});
