// The EPUB's cover is drawn by Chromium once per content: a second process
// (a cold `edition build`, another test worker) finds the drawing in the cache.
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadEdition } from "../src/manifest/load-edition.js";
import { chromiumPath } from "../src/render/chromium.js";
import { coverCacheFile, coverHtml, coverSize, renderCover } from "../src/render/cover.js";

const png = (bytes: Buffer) => ({ signature: bytes.subarray(1, 4).toString("latin1"), width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) });

describe("the cover", () => {
  it("is drawn once per content and read back from the cache by content", async () => {
    const saved = process.env.EDITION_CACHE_DIR;
    process.env.EDITION_CACHE_DIR = await mkdtemp(path.join(os.tmpdir(), "edition-cache-"));
    try {
      const { manifest } = await loadEdition("sources/edition.yaml");
      const cover = await renderCover(manifest);
      expect(png(cover)).toEqual({ signature: "PNG", ...coverSize });
      const covers = path.join(process.env.EDITION_CACHE_DIR, "covers");
      const [file] = await readdir(covers);
      expect(await readFile(path.join(covers, file!))).toEqual(cover);

      // Another title is another content: its key differs. A PNG left under that key (as if an
      // earlier process had drawn it) is what the cover is then read from, with no drawing.
      const other = { ...manifest, title: `${manifest.title} (second impression)` };
      const planted = Buffer.concat([cover.subarray(0, 24), Buffer.from("planted")]);
      const key = coverCacheFile(await coverHtml(other), chromiumPath());
      expect(path.basename(key)).not.toBe(file);
      await writeFile(key, planted);
      expect(await renderCover(other)).toEqual(planted);
    } finally {
      if (saved === undefined) delete process.env.EDITION_CACHE_DIR;
      else process.env.EDITION_CACHE_DIR = saved;
    }
  });
});
