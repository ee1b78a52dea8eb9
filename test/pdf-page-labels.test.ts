// PDF page labels from the folios page-map.js writes: a viewer shows the
// printed page numbers (roman front matter, arabic from the first text).
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { labelRanges, setPageLabels } from "../src/render/pdf-page-labels.js";

describe("PDF page labels", () => {
  it("makes one range for the roman front matter and one for the arabic body", () => {
    expect(labelRanges(["i", "ii", "iii", "iv", "v", "vi", "1", "2", "3"])).toEqual([
      { from: 0, style: "r", start: 1 },
      { from: 6, style: "D", start: 1 },
    ]);
  });

  it("starts a new range where the numbering jumps, and reads roman numerals by value", () => {
    expect(labelRanges(["ix", "x", "xi", "1", "2", "7"])).toEqual([
      { from: 0, style: "r", start: 9 },
      { from: 3, style: "D", start: 1 },
      { from: 5, style: "D", start: 7 },
    ]);
  });

  it("writes them into the catalog, where a viewer reads them", async () => {
    const doc = await PDFDocument.create();
    for (let page = 0; page < 8; page++) doc.addPage();
    setPageLabels(doc, ["i", "ii", "iii", "iv", "1", "2", "3", "4"]);
    const read = await PDFDocument.load(await doc.save());
    const labels = read.catalog.lookup(PDFName.of("PageLabels"), PDFDict);
    const nums = labels.lookup(PDFName.of("Nums"), PDFArray);
    const entries = [];
    for (let index = 0; index < nums.size(); index += 2) {
      const label = nums.lookup(index + 1, PDFDict);
      entries.push([(nums.get(index) as PDFNumber).asNumber(), label.get(PDFName.of("S"))!.toString(), label.get(PDFName.of("St"))?.toString()]);
    }
    expect(entries).toEqual([
      [0, "/r", undefined],
      [4, "/D", undefined],
    ]);
  });
});
