// The colour check counts colour on the pages of a book set in black: a link
// left in the browser's blue (works cited's back-references were #0000EE and
// underlined in print) fails preflight whatever the printer; black, white and
// greys in RGB do not.
import { PDFDocument, PDFOperator, PDFNumber } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { checkColour } from "../src/preflight/profile-checks.js";
import { profiles } from "../src/render/print-profiles.js";

async function pageIn(...colours: [number, number, number][]): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([432, 648]);
  page.pushOperators(...colours.map((rgb) => PDFOperator.of("rg" as never, rgb.map((value) => PDFNumber.of(value)))));
  // Written and read back, as preflight reads a file.
  return PDFDocument.load(await doc.save());
}

describe("the colour check", () => {
  it("passes black, white and grey RGB on the offset profile", async () => {
    const check = checkColour(await pageIn([0, 0, 0], [1, 1, 1], [0.5, 0.5, 0.5]), profiles.offset);
    expect(check.problems).toEqual([]);
    expect(check.summary).toMatch(/3 RGB \(0 in colour\)/);
  });

  it("fails a link's blue on every profile", async () => {
    const doc = await pageIn([0, 0, 0], [0, 0, 0.9333]);
    expect(checkColour(doc, profiles.offset).problems).toEqual(["1 RGB colour settings in colour (the book is set in black: a link's blue?)"]);
    expect(checkColour(doc, profiles.screen).problems).toHaveLength(1);
  });
});
