// Paragraphs from the text's evidence, through a bare unified processor
// (parser + paragraphs plugin), on fixtures whose paragraphs are known by
// construction: six paragraphs of Morris's "News from Nowhere" (ch. I),
// hard-wrapped at 120 columns with blank lines, and at 70 columns with
// first-line indents and no blank lines; and the Gutenberg text itself.
import { readFileSync } from "node:fs";
import type { Paragraph, Root } from "mdast";
import { unified } from "unified";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { rawTextParser } from "../src/ingest/raw-text-parser.js";
import { hardWrapping, restoreParagraphs } from "../src/restore/paragraphs.js";

function paragraphs(value: string, path = "fixture.txt"): Paragraph[] {
  const processor = unified().use(rawTextParser).use(restoreParagraphs);
  const file = new VFile({ path, value });
  return (processor.runSync(processor.parse(file), file) as Root).children as Paragraph[];
}
const textOf = (node: Paragraph) => (node.children[0] as { value: string }).value;
/** Blank-line blocks, counted without the program. */
const blankLineBlocks = (value: string) => value.split(/\n[ \t]*\n/).filter((block) => block.trim()).length;

describe("paragraphs from the text's evidence", () => {
  it("keeps a text hard-wrapped at 120 columns as its six paragraphs, not one per line", () => {
    const value = readFileSync("test/fixtures/hard-wrapped-120.txt", "utf8");
    // 37 of its lines are over 110 characters: the old fixed rule made 44 paragraphs of them.
    expect(value.split("\n").filter((line) => line.length > 110).length).toBe(37);
    const found = paragraphs(value);
    expect(found).toHaveLength(6);
    expect(found).toHaveLength(blankLineBlocks(value));
    expect(textOf(found[1]!).split("\n")[0]).toBe(value.split("\n\n")[1]!.split("\n")[0]);
    // The second paragraph starts on raw line 17 (16 lines of the first, one blank line).
    expect(found[1]!.position?.start).toMatchObject({ line: value.split("\n\n")[0]!.split("\n").length + 2, column: 1 });
  });

  it("splits a hard-wrapped text that lost its blank lines at its paragraph indents", () => {
    const value = readFileSync("test/fixtures/hard-wrapped-70-indented.txt", "utf8");
    const starts = value.split("\n").filter((line) => line.startsWith("    ")).map((line) => line.trim());
    expect(starts).toHaveLength(6);
    const found = paragraphs(value);
    expect(found.map((node) => textOf(node).split("\n")[0])).toEqual(starts);
  });

  it("does not shred the Gutenberg text: as many paragraphs as blank-line blocks", () => {
    const value = readFileSync("test/fixtures/corpus/morris-1890-news-from-nowhere.txt", "utf8").replace(/\r\n/g, "\n");
    expect(paragraphs(value)).toHaveLength(blankLineBlocks(value));
  });

  it("still splits a scrape's block of long lines (blank lines lost) into one paragraph per line", () => {
    const long = (word: string) => `${word} ${"and the argument ran on through the night without a pause ".repeat(3).trim()}.`;
    const value = `Short title line\n\n${long("First")}\n${long("Second")}\n${long("Third")}\n`;
    const found = paragraphs(value);
    expect(found.map((node) => textOf(node).split(" ")[0])).toEqual(["Short", "First", "Second", "Third"]);
    expect(found.map((node) => node.position?.start.line)).toEqual([1, 3, 4, 5]);
  });

  it("needs evidence: a few short-line blocks are not judged hard-wrapped", () => {
    expect(hardWrapping([["By Jane Writer", "London 1990"], ["Credits", "Transcribed by"]])).toBeUndefined();
  });

  it("takes its thresholds as options", () => {
    const value = readFileSync("test/fixtures/hard-wrapped-120.txt", "utf8");
    // With a wrap width cap under the fixture's 120 columns, it reads as a scrape and is split line by line.
    const processor = unified().use(rawTextParser).use(restoreParagraphs, { maxWrapWidth: 100 });
    const file = new VFile({ value });
    expect((processor.runSync(processor.parse(file), file) as Root).children.length).toBe(value.trim().split("\n").filter((line) => line.trim()).length);
  });
});
