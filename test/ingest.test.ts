import { readFile } from "node:fs/promises";
import type { Paragraph, Text } from "mdast";
import { unified } from "unified";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { rawTextParser } from "../src/ingest/raw-text-parser.js";
import { processText } from "../src/pipeline.js";

const parse = (value: string) => unified().use(rawTextParser).parse(new VFile({ path: "fixture.txt", value }));
const textOf = (node: Paragraph) => (node.children[0] as Text).value;

const texts = [
  "sherry-1994-trotskys-last-greatest-struggle.txt",
  "marot-1994-was-trotskys-defeat-inevitable.txt",
  "cliff-1990-trotsky-and-the-triumvirate.txt",
  "trotsky-an-introduction.txt",
  "simkin-spartacus-leon-trotsky.txt",
];

describe("the raw-text parser", () => {
  it("makes one paragraph per block of lines, with positions into the raw text", () => {
    const tree = parse("  Title\r\n\r\nPara one\r\nline two  \r\n\r\n\r\nLast");
    const paragraphs = tree.children as Paragraph[];
    expect(paragraphs.map(textOf)).toEqual(["Title", "Para one\nline two", "Last"]);
    expect(paragraphs.map((node) => [node.position!.start.line, node.position!.start.column])).toEqual([
      [1, 3],
      [3, 1],
      [7, 1],
    ]);
    expect(paragraphs[1]!.position!.end).toMatchObject({ line: 4, column: 9 });
  });

  it("places the opening blocks of Cliff's chapter on their raw lines", async () => {
    const raw = await readFile("sources/texts/cliff-1990-trotsky-and-the-triumvirate.txt", "utf8");
    const paragraphs = parse(raw).children as Paragraph[];
    expect(paragraphs.slice(0, 3).map((node) => [textOf(node), node.position!.start.line])).toEqual([
      ["Tony Cliff", 1],
      ["Trotsky: The Sword of the Revolution 1917-1923", 3],
      ["16. Trotsky and the triumvirate", 5],
    ]);
    expect(textOf(paragraphs[3]!)).toMatch(/^IN DECEMBER 1922 or January 1923, when Lenin/);
  });

  it.each(texts)("drops no line of %s", async (name) => {
    const raw = await readFile(`sources/texts/${name}`, "utf8");
    const paragraphs = parse(raw).children as Paragraph[];
    const kept = paragraphs.flatMap((node) => textOf(node).split("\n").map((line) => line.trim()));
    const rawLines = raw.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
    expect(kept).toEqual(rawLines);
    // and every position points at the text it holds
    for (const node of paragraphs) {
      const { start, end } = node.position!;
      expect(raw.slice(start.offset, end.offset).replace(/\r\n/g, "\n")).toBe(textOf(node));
    }
  });

  it("refuses a text that is not UTF-8, naming the file", async () => {
    const latin1 = new VFile({ path: "texts/latin1.txt", value: Buffer.from([0x54, 0x72, 0x6f, 0x74, 0x73, 0x6b, 0xff, 0x0a]) });
    await expect(processText(latin1)).rejects.toMatchObject({ file: "texts/latin1.txt", ruleId: "ingest-encoding" });
  });

  it("removes a byte-order mark", async () => {
    const file = new VFile({ path: "bom.txt", value: Buffer.from("\uFEFFHello\n", "utf8") });
    const { mdast } = await processText(file);
    expect(textOf(mdast.children[0] as Paragraph)).toBe("Hello");
  });
});
