// A page set in two columns (the index) is read column by column for the text
// check: poppler may run a first-column line on into the line beside it.
import { describe, expect, it } from "vitest";
import type { PdfWord } from "../src/preflight/pdf-tools.js";
import { inColumnOrder } from "../src/preflight/text-integrity.js";

/** Words of two columns side by side, 12 lines each; poppler's line 5 runs from the left column into the right one. */
function twoColumns(): PdfWord[] {
  const words: PdfWord[] = [];
  for (let row = 0; row < 12; row++) {
    const y = 100 + row * 14;
    words.push({ text: `left${row}`, xMin: 60, xMax: 100, yMin: y - 10, yMax: y, line: row === 5 ? 5 : row * 2 });
    words.push({ text: `l${row}b`, xMin: 105, xMax: 130, yMin: y - 10, yMax: y, line: row === 5 ? 5 : row * 2 });
    words.push({ text: `right${row}`, xMin: 230, xMax: 270, yMin: y - 10, yMax: y, line: row === 5 ? 5 : row * 2 + 1 });
    words.push({ text: `r${row}b`, xMin: 275, xMax: 300, yMin: y - 10, yMax: y, line: row === 5 ? 5 : row * 2 + 1 });
  }
  return words;
}

describe("a page in two columns", () => {
  it("reads the first column down, then the second", () => {
    const page = inColumnOrder({ width: 360, height: 600, words: twoColumns() });
    const text = page.words.map((word) => word.text);
    expect(text.slice(0, 4)).toEqual(["left0", "l0b", "left1", "l1b"]);
    expect(text.indexOf("right0")).toBe(24);
    // The run-on line is cut again at the gutter: each column's line 5 is a line of its own.
    expect(page.words.find((word) => word.text === "left5")!.line).not.toBe(page.words.find((word) => word.text === "right5")!.line);
  });

  it("reads the first column's last lines in it when the second column ends higher (a folio centred below both)", () => {
    const words = twoColumns().filter((word) => !(word.text.startsWith("r") && /1[01]/.test(word.text)));
    words.push({ text: "250", xMin: 175, xMax: 190, yMin: 300, yMax: 310, line: 40 });
    const text = inColumnOrder({ width: 360, height: 600, words }).words.map((word) => word.text);
    // `left11` is the first column's last line: before the second column, not after it.
    expect(text.indexOf("left11")).toBeLessThan(text.indexOf("right0"));
    expect(text.at(-1)).toBe("250");
  });

  it("reads a running head over both columns first, whole, though one of its words stands right of the middle", () => {
    // `INDEX OF NAMES` centred over the columns: `OF` crosses the middle, `NAMES` stands over the second column.
    const head = [
      { text: "INDEX", xMin: 140, xMax: 170, yMin: 70, yMax: 78 },
      { text: "OF", xMin: 174, xMax: 186, yMin: 70, yMax: 78 },
      { text: "NAMES", xMin: 190, xMax: 222, yMin: 70, yMax: 78 },
    ].map((word) => ({ ...word, line: -1 }));
    const text = inColumnOrder({ width: 360, height: 600, words: [...head, ...twoColumns()] }).words.map((word) => word.text);
    expect(text.slice(0, 5)).toEqual(["INDEX", "OF", "NAMES", "left0", "l0b"]);
    expect(text.indexOf("right0")).toBe(27);
    expect(text.at(-1)).toBe("r11b");
  });

  it("leaves a page of running text as poppler read it", () => {
    // Six words a line, each line's words set a little further along (justified text never leaves the middle free).
    const words: PdfWord[] = Array.from({ length: 60 }, (_, index) => {
      const line = Math.floor(index / 6);
      const x = 60 + (index % 6) * 40 + (line % 4) * 9;
      return { text: `w${index}`, xMin: x, xMax: x + 35, yMin: 0, yMax: 10 + line * 14, line };
    });
    const page = { width: 360, height: 600, words };
    expect(inColumnOrder(page)).toBe(page);
  });
});
