// Soft hyphens in the text layer of the edition's PDFs: none inside a line
// (src/render/browser/soft-hyphens.js removes them after each page), so a
// search for a word finds it. Before the handler, `pdftotext` read
// `Trot­sky` in almost every line: 46,889 soft hyphens inside lines, and
// "Trotsky" found 61 times in the screen PDF.
import { toString } from "hast-util-to-string";
import { describe, expect, inject, it } from "vitest";
import { checkSoftHyphens } from "../src/preflight/profile-checks.js";
import { pdfTextPages } from "../src/preflight/pdf-tools.js";
import { printTree } from "../src/render/print-html.js";
import { editionTree } from "./edition-tree.js";
import { run } from "./helpers.js";

const { pdf, screenPdf } = inject("edition");

describe("soft hyphens in the PDFs' text", () => {
  it("stand only at line ends, in the print and the screen PDF", async () => {
    for (const file of [pdf, screenPdf]) {
      const check = checkSoftHyphens(await pdfTextPages(file));
      expect(check.problems, file).toEqual([]);
    }
  });

  it("leave every “Trotsky” of the book searchable in the screen PDF", async () => {
    const edition = await editionTree();
    const expected = toString(printTree(edition.manifest, edition.book)).replaceAll("\u00ad", "").match(/Trotsky/g)!.length;
    const { stdout } = await run("pdftotext", [screenPdf, "-"], { maxBuffer: 256 << 20 });
    const whole = stdout.match(/Trotsky/g)?.length ?? 0;
    // Poppler joins a word hyphenated at a line end and keeps the soft hyphen there: `Trot\u00adsky`.
    const brokenAtLineEnd = stdout.match(/Trot\u00adsky/g)?.length ?? 0;
    expect(whole).toBeGreaterThan(expected * 0.95);
    // Every one is there: whole, or hyphenated at a line end. (A name mention, a word in an element of its own, was
    // once split across two pages, “Trots” | “ky”: src/render/browser/word-breaks.js now breaks before it.)
    expect(whole + brokenAtLineEnd).toBe(expected);
  });
});
