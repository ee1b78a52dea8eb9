// EPUBCheck's passing verdict kept by the EPUB's bytes (src/render/epub-check-cache.ts):
// the same bytes pass again without a check, and a verdict is never taken for other bytes.
import { mkdtemp, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkEpubOnce } from "../src/render/epub-check-cache.js";
import { zipEntries } from "../src/render/epub-zip.js";

describe("EPUBCheck's verdict kept by the EPUB's bytes", () => {
  it("keeps no verdict for an EPUB that fails, and checks other bytes again", async () => {
    const env = { EDITION_CACHE_DIR: await mkdtemp(path.join(os.tmpdir(), "edition-check-cache-")) };
    const broken = zipEntries([{ name: "mimetype", data: new TextEncoder().encode("application/epub+zip"), store: true }], new Date("2026-01-01T00:00:00Z"));
    expect((await checkEpubOnce(broken, env)).errors.length).toBeGreaterThan(0);
    expect((await checkEpubOnce(broken, env)).errors.length).toBeGreaterThan(0);
    expect(await readdir(env.EDITION_CACHE_DIR).catch(() => [])).toEqual([]);
  });
});
