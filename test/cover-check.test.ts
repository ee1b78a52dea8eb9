// The cover preflight holds a sheet to the spine formula for the interior
// beside it: sheets made with pdf-lib at sizes computed by hand.
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { preflightCover } from "../src/preflight/cover-check.js";
import { profiles } from "../src/render/print-profiles.js";
import type { Manifest } from "../src/manifest/manifest-schema.js";

/** A cover sheet written where the preflight reads it (its fonts are read from the file). */
async function sheet(file: string, widthIn: number, heightIn: number, bleedIn: number): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([widthIn * 72, heightIn * 72]);
  page.setTrimBox(bleedIn * 72, bleedIn * 72, (widthIn - 2 * bleedIn) * 72, (heightIn - 2 * bleedIn) * 72);
  await writeFile(file, await doc.save());
  return doc;
}

describe("the cover preflight", () => {
  it("passes a sheet of the formula's size and fails one made for a page more", async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), "edition-cover-"));
    const interior = await PDFDocument.create();
    for (let page = 0; page < 272; page++) interior.addPage([432, 648]);
    await writeFile(path.join(folder, "book.pdf"), await interior.save());
    const manifest = { trim: "6x9in", paper: "cream" } as Manifest;
    // By hand: 272 × 0.0025 = 0.68 in of spine; 2 × 6 + 0.68 + 2 × 0.125 = 12.93 in by 9.25 in.
    const cover = path.join(folder, "book-cover.pdf");
    const right = await preflightCover(cover, await sheet(cover, 12.93, 9.25, 0.125), manifest, profiles.pod);
    expect(right.find((check) => check.name === "cover size")!.problems).toEqual([]);
    const onePageMore = await preflightCover(cover, await sheet(cover, 12.9325, 9.25, 0.125), manifest, profiles.pod);
    expect(onePageMore.find((check) => check.name === "cover size")!.problems).toEqual(["the sheet is 12.9325 in × 9.25 in; the formula gives 12.93 in × 9.25 in"]);
    const other = path.join(folder, "other-cover.pdf");
    const noInterior = await preflightCover(other, await sheet(other, 12.93, 9.25, 0.125), manifest, profiles.pod);
    expect(noInterior[0]!.problems[0]).toMatch(/^no interior .*other\.pdf beside the cover/);
  });
});
