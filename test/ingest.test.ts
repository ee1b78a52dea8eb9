import { readFile } from "node:fs/promises";
import iconv from "iconv-lite";
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

  it("decodes a Windows-1252 text, with a warning naming the encoding and the first byte that is not UTF-8", async () => {
    // Line 2, column 8 holds the right single quote, byte 0x92 in Windows-1252.
    const text = "A review\nTrotsky\u2019s caf\u00e9 and \u201cthe masses\u201d \u2013 a na\u00efve reading.\n";
    const raw = await readFile("sources/texts/sherry-1994-trotskys-last-greatest-struggle.txt", "utf8");
    const file = new VFile({ path: "texts/cp1252.txt", value: iconv.encode(text + raw, "win1252") });
    await processText(file);
    expect(String(file.value).slice(0, text.length)).toBe(text);
    const [warning] = file.messages.filter((message) => message.ruleId === "ingest-encoding");
    expect(warning).toMatchObject({ line: 2, column: 8, fatal: false, file: "texts/cp1252.txt" });
    expect(warning!.reason).toContain("windows-1252");
  });

  it("reads a Latin-1 text as Windows-1252 (its superset), naming the detected encoding", async () => {
    const raw = await readFile("sources/texts/marot-1994-was-trotskys-defeat-inevitable.txt", "utf8");
    const text = `Caf\u00e9 society, na\u00efvet\u00e9 and the \u00c9migr\u00e9s.\n\n${raw}`;
    const file = new VFile({ path: "texts/latin1.txt", value: iconv.encode(text, "latin1") });
    await processText(file);
    expect(String(file.value).startsWith("Caf\u00e9 society, na\u00efvet\u00e9 and the \u00c9migr\u00e9s.")).toBe(true);
    const warning = file.messages.find((message) => message.ruleId === "ingest-encoding");
    expect(warning).toMatchObject({ line: 1, column: 4, fatal: false });
    expect(warning!.reason).toContain("windows-1252 (detected ISO-8859-1)");
  });

  it("refuses a text in an encoding it cannot trust, naming the file, the line and the guess", async () => {
    const file = new VFile({ path: "texts/japanese.txt", value: iconv.encode("Trotsky\n" + "トロツキーの生涯と思想。".repeat(20), "shift_jis") });
    await processText(file);
    const [error] = file.messages;
    expect(error).toMatchObject({ fatal: true, ruleId: "ingest-encoding", line: 2, column: 1, file: "texts/japanese.txt" });
    expect(error!.reason).toMatch(/not valid UTF-8 \(it looks like Shift_JIS, \d+% sure\); save it as UTF-8/);
  });

  it("refuses a binary file, naming the line of its first binary byte", async () => {
    // The start of a PNG file: `\x89PNG\r\n`, `\x1a\n`, then the first NUL opens line 3.
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const file = new VFile({ path: "texts/picture.txt", value: png });
    const { mdast } = await processText(file);
    expect(file.messages.map(({ ruleId, fatal, line, column }) => ({ ruleId, fatal, line, column }))).toEqual([
      { ruleId: "ingest-binary", fatal: true, line: 3, column: 1 },
    ]);
    expect(mdast.children).toEqual([]);
  });

  it("keeps a stray control character in a text (only many of them make it binary)", async () => {
    const file = new VFile({ path: "texts/stray.txt", value: Buffer.from("Trotsky\u0007 in exile. " + "He wrote in exile. ".repeat(40) + "\n") });
    await processText(file);
    expect(file.messages.filter((message) => message.source === "ingest")).toEqual([]);
  });

  it.each([
    ["an empty text", ""],
    ["a text of blank lines", " \r\n\n\t\n"],
  ])("reports %s as an error at its line 1", async (_, value) => {
    const file = new VFile({ path: "texts/empty.txt", value: Buffer.from(value) });
    await processText(file);
    expect(file.messages).toEqual([expect.objectContaining({ ruleId: "ingest-empty", fatal: true, line: 1, column: 1, file: "texts/empty.txt" })]);
  });

  it("removes a byte-order mark", async () => {
    const file = new VFile({ path: "bom.txt", value: Buffer.from("\uFEFFHello\n", "utf8") });
    const { mdast } = await processText(file);
    expect(textOf(mdast.children[0] as Paragraph)).toBe("Hello");
  });

  it("reads a UTF-8 text with a byte-order mark and CRLF line ends, with places on the right lines", async () => {
    const file = new VFile({ path: "crlf.txt", value: Buffer.from("\uFEFFFirst paragraph,\r\nstill the first.\r\n\r\nSecond:  here\r\n", "utf8") });
    const { mdast, hast } = await processText(file);
    expect(mdast.children.map((node) => [textOf(node as Paragraph), node.position!.start.line])).toEqual([
      ["First paragraph, still the first.", 1],
      ["Second: here", 4],
    ]);
    expect(JSON.stringify(hast)).not.toMatch(/\\r|\uFEFF/);
    expect(file.messages.filter((message) => message.source === "ingest")).toEqual([]);
  });

  it("decodes a UTF-16 text that carries its byte-order mark, with a warning", async () => {
    const file = new VFile({ path: "utf16.txt", value: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Trotsky\u2019s exile\r\n", "utf16le")]) });
    const { mdast } = await processText(file);
    expect(textOf(mdast.children[0] as Paragraph)).toBe("Trotsky\u2019s exile");
    expect(file.messages).toEqual([expect.objectContaining({ ruleId: "ingest-encoding", fatal: false, reason: expect.stringContaining("UTF-16LE") })]);
  });
});
