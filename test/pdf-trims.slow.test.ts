// The other trim sizes the manifest offers, on a small fixture edition:
// page boxes computed by hand from the trim and the 3 mm bleed.
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { build } from "../src/build.js";
import { preflight } from "../src/preflight/preflight.js";
import { printOutline, printTree } from "../src/render/print-html.js";
import { fixtureTexts, validManifest } from "./fixtures/manifests.js";
import { run, sourcesFixture } from "./helpers.js";

const trims = [
  // 148 × 210 mm = 419.53 × 595.28 pt; 3 mm of bleed = 8.50 pt each side.
  { trim: "A5", width: 419.53, height: 595.28 },
  // 5.5 × 8.5 in = 396 × 612 pt.
  { trim: "5.5x8.5in", width: 396, height: 612 },
];
const bleed = 8.5;

/** A page box from `pdfinfo -box` as [x, y, width, height]. */
function box(info: string, name: string): number[] {
  const [x1, y1, x2, y2] = new RegExp(`${name}:\\s+(.+)`).exec(info)![1]!.trim().split(/\s+/).map(Number) as [number, number, number, number];
  return [x1, y1, x2 - x1, y2 - y1];
}

describe("trim sizes", () => {
  for (const { trim, width, height } of trims) {
    it(`sets ${trim} pages with bleed in print, cut to the trim on screen, and passes preflight`, async () => {
      const sources = await sourcesFixture(validManifest.replace("texts:", `trim: ${trim}\ntexts:`), fixtureTexts);
      const outDir = await mkdtemp(path.join(os.tmpdir(), "edition-trim-"));
      const result = await build({ manifestPath: path.join(sources, "edition.yaml"), outDir, pdf: true });
      const print = (await run("pdfinfo", ["-box", result.outputs.pdf!])).stdout;
      const [mx, my, mw, mh] = box(print, "MediaBox");
      const [tx, ty, tw, th] = box(print, "TrimBox");
      expect(mw).toBeCloseTo(width + 2 * bleed, 1);
      expect(mh).toBeCloseTo(height + 2 * bleed, 1);
      expect([tx! - mx!, ty! - my!, tw, th].map((n) => Math.round(n! * 10) / 10)).toEqual([bleed, bleed, width, height].map((n) => Math.round(n * 10) / 10));
      expect(box(print, "BleedBox")).toEqual(box(print, "MediaBox"));
      const screen = (await run("pdfinfo", ["-box", result.outputs.screenPdf!])).stdout;
      expect(box(screen, "MediaBox").slice(2).map((n) => Math.round(n * 10) / 10)).toEqual([width, height].map((n) => Math.round(n * 10) / 10));
      const { manifest, book } = result.edition;
      const input = { manifest, tree: printTree(manifest, book), outline: printOutline(book) };
      for (const file of [result.outputs.pdf!, result.outputs.screenPdf!]) {
        const checked = await preflight(file, input);
        for (const check of checked.checks) expect(check.problems, `${file}: ${check.name}`).toEqual([]);
      }
    });
  }
});
