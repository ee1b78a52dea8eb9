// restoreFrontLines through a bare processor (parser, then the plugin with
// the manifest's entry), on inline fixtures: title, byline, chapter number,
// publication line, a reviewed book's block, and lines it cannot place.
import type { Blockquote, Paragraph } from "mdast";
import { toString } from "mdast-util-to-string";
import { describe, expect, it } from "vitest";
import type { TextEntry } from "../src/manifest/manifest-schema.js";
import { restoreFrontLines } from "../src/restore/front-lines.js";
import { messagesOf, runPlugins } from "./restore-fixture.js";

const entry = (fields: Partial<TextEntry> = {}): TextEntry => ({
  id: "fixture",
  file: "fixture.txt",
  author: "Leon Trotsky",
  title: "The Permanent Revolution",
  kind: "article",
  publication: "Socialist Review",
  date: "March 1990",
  source: { site: "example" },
  ...fields,
});
// One body line longer than 110 characters: the front ends there.
const body = "The body of the text begins here, and its first line is long enough that it cannot be a line of the text's front matter.";
const run = (value: string, entries: TextEntry[] = [entry()]) => runPlugins([[restoreFrontLines, { entries }]], value);

describe("restoreFrontLines", () => {
  it("drops the title and byline, moves the publication line to the source note", () => {
    const { markdown, file } = run(`The Permanent Revolution\nBy Leon Trotsky\nSocialist Review, March 1990\n\n${body}\n`);
    expect(markdown).toBe(`${body}\n`);
    expect(messagesOf(file, "structure-title")).toEqual(["1:1 title line, shown in the text's heading: `The Permanent Revolution`"]);
    expect(messagesOf(file, "structure-byline")).toEqual(["2:1 byline, shown in the text's heading: `By Leon Trotsky`"]);
    expect(messagesOf(file, "structure-publication")).toEqual(["3:1 publication line, moved to the source note: `Socialist Review, March 1990`"]);
    expect(file.data.sourceNote).toEqual([{ text: "Socialist Review, March 1990", line: 3 }]);
  });

  it("reads a chapter number before the title", () => {
    const { markdown, file } = run(`16. The permanent revolution\n\n${body}\n`);
    expect(markdown).toBe(`${body}\n`);
    expect(file.data.chapterNumber).toBe("16");
    expect(messagesOf(file, "structure-chapter")).toEqual(["1:1 chapter 16, shown in the text's heading: `16. The permanent revolution`"]);
  });

  it("keeps and reports a line it cannot place, dropping the title beside it", () => {
    const { tree, file } = run(`Photo: the author\nThe Permanent Revolution\n\n${body}\n`);
    expect(tree.children.map((node) => toString(node))).toEqual(["Photo: the author", body]);
    expect(messagesOf(file, "structure-front-unknown")).toEqual([
      "1:1 a line before the text begins that is not its title, byline or publication; kept: `Photo: the author`",
    ]);
    expect(messagesOf(file, "structure-title").map((m) => m.split(" ")[0])).toEqual(["2:1"]);
  });

  it("makes the block naming a reviewed book its own block and records the work", () => {
    const review = entry({ kind: "review", title: "Fighting On", author: "Chris Harman" });
    const { tree, file } = run(`Fighting On\n\nTony Cliff\nTrotsky Volume IV 1927–40\nBookmarks 1993, £6.95\n\n${body}\n`, [review]);
    expect(file.data.reviewedWork).toEqual({ title: "Trotsky Volume IV 1927–40", author: "Tony Cliff", publisher: "Bookmarks", year: "1993", price: "£6.95" });
    expect(tree.children.map((node) => node.type)).toEqual(["blockquote", "paragraph"]);
    const block = tree.children[0] as Blockquote;
    expect(block.data).toEqual({ hName: "section", hProperties: { className: ["reviewed-work"], ariaLabel: "The book under review" } });
    const lines = block.children as Paragraph[];
    expect(lines.map((line) => [line.data?.hProperties?.className, line.children[0]!.type, toString(line)])).toEqual([
      [["reviewed-author"], "text", "Tony Cliff"],
      [["reviewed-title"], "emphasis", "Trotsky Volume IV 1927–40"],
      [["reviewed-imprint"], "text", "Bookmarks 1993, £6.95"],
    ]);
    expect(lines[2]!.position?.start).toMatchObject({ line: 5, column: 1 });
    expect(messagesOf(file, "structure-reviewed-work")).toEqual(["3:1 the book under review: Tony Cliff, Trotsky Volume IV 1927–40"]);
    expect(messagesOf(file, "structure-title").map((m) => m.split(" ")[0])).toEqual(["1:1"]);
  });

  it("reads no reviewed book in a text that is not a review", () => {
    const { tree, file } = run(`Tony Cliff\nTrotsky Volume IV 1927–40\nBookmarks 1993, £6.95\n\n${body}\n`);
    expect(file.data.reviewedWork).toBeUndefined();
    expect(tree.children.map((node) => node.type)).toEqual(["paragraph", "paragraph"]);
    expect(messagesOf(file, "structure-front-unknown").map((m) => m.split(" ")[0])).toEqual(["1:1"]);
  });

  it("leaves the lines after a long body line alone, and a text without its entry", () => {
    const { markdown, file } = run(`${body}\n\nThe Permanent Revolution\n`);
    expect(markdown).toBe(`${body}\n\nThe Permanent Revolution\n`);
    expect(file.messages).toEqual([]);
    const other = run(`The Permanent Revolution\n\n${body}\n`, [entry({ id: "other" })]);
    expect(other.markdown).toBe(`The Permanent Revolution\n\n${body}\n`);
    expect(other.file.messages).toEqual([]);
  });
});
