// The structure of whole books (issue 13): chapter and part headings, lines
// of dialogue and speaker lines that are never headings, title blocks, and
// hard-wrapped lines joined or, where broken on purpose, kept. On the Morris
// book of the development corpus (figures read from the raw text:
// test/fixtures/readings/books.yaml) and on small fixtures written here.
import { readFileSync } from "node:fs";
import type { Heading, Paragraph, Root } from "mdast";
import { toString } from "mdast-util-to-string";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { restoreBoilerplate } from "../src/restore/boilerplate.js";
import { isDialogue, isSpeakerLine } from "../src/restore/dialogue.js";
import { divisionLabel, isTitleLine, romanValue } from "../src/restore/division-headings.js";
import { restoreFrontLines } from "../src/restore/front-lines.js";
import { headingVerdict, restoreHeadings } from "../src/restore/headings.js";
import { restoreLineBreaks, restoreParagraphs } from "../src/restore/paragraphs.js";
import type { TextEntry } from "../src/manifest/manifest-schema.js";
import { divisionHeadingClasses } from "../src/book/schema.js";
import { toXhtml } from "../src/render/to-xhtml.js";
import { h } from "hastscript";
import { messagesOf, runPlugins } from "./restore-fixture.js";

const morrisPath = "test/fixtures/corpus/morris-1890-news-from-nowhere.txt";
type Reading = { chapters: [number, string][]; dialogueLines: string[]; titleBlock: string[] };
const reading = (parse(readFileSync("test/fixtures/readings/books.yaml", "utf8")) as { morris: Reading }).morris;
const morrisEntry = (parse(readFileSync("test/fixtures/corpus/edition.yaml", "utf8")) as { texts: TextEntry[] }).texts.find((text) => text.id === "morris")!;

/** The restore stages up to the headings, as the pipeline runs them (no site rules). */
const restore = (value: string, entries: TextEntry[] = []) =>
  runPlugins(
    [
      [restoreBoilerplate, { rules: { sites: [] } }],
      [restoreParagraphs, {}],
      [restoreFrontLines, { entries }],
      [restoreHeadings, {}],
      [restoreLineBreaks],
    ],
    value,
    { textId: entries[0]?.id ?? "fixture" },
  );
const headingsOf = (tree: Root) => tree.children.filter((node): node is Heading => node.type === "heading");
const props = (node: Heading) => (node.data?.hProperties ?? {}) as Record<string, unknown>;

describe("the Morris book (CRLF, hard-wrapped at 70 columns, long dialogue)", () => {
  const raw = readFileSync(morrisPath, "utf8");
  const { tree } = restore(raw, [{ ...morrisEntry, id: "morris" }]);
  const headings = headingsOf(tree);
  const chapters = headings.filter((node) => (props(node).className as string[] | undefined)?.includes("chapter-heading"));

  it("has exactly its 32 chapter headings, in order, numbered 1 to 32, at their raw lines", () => {
    expect(raw).toContain("\r\n");
    expect(reading.chapters).toHaveLength(32);
    expect(chapters.map((node) => [node.position?.start.line, toString(node)])).toEqual(reading.chapters);
    expect(chapters.map((node) => props(node).dataChapter)).toEqual(reading.chapters.map((_, index) => String(index + 1)));
    expect(chapters.every((node) => node.depth === 2)).toBe(true);
    expect(toString(chapters[0]!)).toBe("CHAPTER I: DISCUSSION AND BED");
    expect(props(chapters[0]!).dataLabel).toBe("I");
    // The longest, 74 characters, over a section heading's 70.
    expect(toString(chapters[14]!)).toBe("CHAPTER XV: ON THE LACK OF INCENTIVE TO LABOUR IN A COMMUNIST SOCIETY");
  });

  it("makes no line of dialogue a heading", () => {
    const texts = headings.map((node) => toString(node));
    expect(texts.filter((text) => /["“”]/.test(text))).toEqual([]);
    const paragraphs = new Set(tree.children.filter((node): node is Paragraph => node.type === "paragraph").map((node) => toString(node)));
    for (const line of reading.dialogueLines) expect(paragraphs.has(line), line).toBe(true);
  });

  it("makes no line of the title block, title page or imprint a heading", () => {
    const texts = headings.map((node) => toString(node));
    for (const line of reading.titleBlock) expect(texts.some((text) => text.startsWith(line)), line).toBe(false);
    // What remains beside the chapters is Gutenberg's furniture (its header line and the licence's
    // section heading), which the furniture rules remove: none comes from the book.
    expect(headings.filter((node) => !chapters.includes(node)).every((node) => toString(node).includes("Project Gutenberg"))).toBe(true);
  });

  it("joins hard-wrapped lines: one paragraph per blank-line block, with its line ends from CRLF gone", () => {
    // Chapter I's first paragraph: raw lines 80–83, one block of four lines.
    const first = tree.children.find((node) => node.position?.start.line === 80) as Paragraph;
    expect(first.type).toBe("paragraph");
    expect(first.position?.end.line).toBe(83);
    expect(first.children).toHaveLength(1);
    const rawBlock = raw.split("\r\n").slice(79, 83).join(" ");
    expect(toString(first).replace(/\s+/g, " ")).toBe(rawBlock);
    expect(JSON.stringify(tree)).not.toContain("\\r");
    // The verse couplet of chapter IX (raw lines 2123–2124, indented, its first line ending short) keeps its two lines.
    const verse = tree.children.find((node) => node.position?.start.line === 2123) as Paragraph;
    expect(verse.children.map((node) => node.type)).toEqual(["text", "break", "text"]);
  });
});

describe("chapter headings on small fixtures", () => {
  it("makes `Chapter 1` and the title line after it one heading that records the number", () => {
    const { tree } = restore("Chapter 1\n\nThe River Bank\n\nThe Mole had been working very hard all the morning, spring-cleaning his little home.\n\nChapter 2\n\nThe Open Road\n\nIt was a bright morning in the early part of summer.\n");
    const headings = headingsOf(tree);
    expect(headings.map((node) => toString(node))).toEqual(["Chapter 1: The River Bank", "Chapter 2: The Open Road"]);
    expect(headings.map((node) => props(node).dataChapter)).toEqual(["1", "2"]);
    expect(headings[0]!.position).toMatchObject({ start: { line: 1, column: 1 }, end: { line: 3, column: 15 } });
    expect(tree.children.map((node) => node.type)).toEqual(["heading", "paragraph", "heading", "paragraph"]);
  });

  it("takes `CHAPTER IV.` with its title in the next block or on the next line, and `CHAPTER I. TITLE` on one line", () => {
    const { tree } = restore("CHAPTER IV.\n\nTHE RIVER.\n\nProse of the chapter follows here.\n\nCHAPTER V\nA Visit\n\nMore prose.\n\nCHAPTER VI. THE END OF IT\n\nLast prose.\n");
    expect(headingsOf(tree).map((node) => [toString(node), props(node).dataChapter])).toEqual([
      ["CHAPTER IV: THE RIVER.", "4"],
      ["CHAPTER V: A Visit", "5"],
      ["CHAPTER VI. THE END OF IT", "6"],
    ]);
  });

  it("takes a label without a title when prose follows it, and number words", () => {
    const { tree } = restore("Chapter One\n\n“Where are you going?” she asked, and he did not answer her at all.\n\nChapter Twenty-One\n\nSo ends it.\n\nMore.\n");
    expect(headingsOf(tree).map((node) => [toString(node), props(node).dataChapter])).toEqual([
      ["Chapter One", "1"],
      ["Chapter Twenty-One", "21"],
    ]);
  });

  it("nests chapters under parts (parts depth 2, chapters 3, sections 4)", () => {
    const value = ["PART ONE", "THE CITY", "Chapter 1", "Arrival", "Prose.", "A Quiet Street", "More prose.", "Chapter 2", "Departure", "Prose.", "PART TWO: THE COUNTRY", "Chapter 3", "Fields", "Prose at the end."].join("\n\n");
    const { tree } = restore(`${value}\n`);
    expect(headingsOf(tree).map((node) => [node.depth, toString(node)])).toEqual([
      [2, "PART ONE: THE CITY"],
      [3, "Chapter 1: Arrival"],
      [4, "A Quiet Street"],
      [3, "Chapter 2: Departure"],
      [2, "PART TWO: THE COUNTRY"],
      [3, "Chapter 3: Fields"],
    ]);
    expect(headingsOf(tree).map((node) => props(node).className)).toEqual([["part-heading"], ["chapter-heading"], undefined, ["chapter-heading"], ["part-heading"], ["chapter-heading"]]);
    expect(props(headingsOf(tree)[4]!).dataPart).toBe("2");
  });

  it("reads labels one after another with no text between as a list of contents, not headings", () => {
    const { tree, file } = restore("CONTENTS\n\nCHAPTER I. THE RIVER\n\nCHAPTER II. THE ROAD\n\nCHAPTER I. THE RIVER\n\nThe prose of the first chapter, long enough to be read as a paragraph of the book itself.\n\nCHAPTER II. THE ROAD\n\nMore prose.\n");
    expect(headingsOf(tree).map((node) => [node.position?.start.line, toString(node)])).toEqual([
      [7, "CHAPTER I. THE RIVER"],
      [11, "CHAPTER II. THE ROAD"],
    ]);
    expect(messagesOf(file, "structure-contents-list")).toEqual(["3:1 2 chapter labels with no text between them: read as a list of contents, not as headings"]);
  });

  it("keeps a title page without Gutenberg evidence out of the headings", () => {
    const value = ["THE TIME TRAVELLER", "AN INVENTION", "Second Edition", "London: The Press, 1898", "CHAPTER I", "INTRODUCTION", "The Time Traveller was expounding a recondite matter to us."].join("\n\n");
    const { tree } = restore(`${value}\n`);
    expect(headingsOf(tree).map((node) => toString(node))).toEqual(["CHAPTER I: INTRODUCTION"]);
  });

  it("reads a title page's `BY` above the author's name as the byline", () => {
    const entry = { id: "tt", file: "tt.txt", title: "The Time Traveller", author: "H. G. Wells", kind: "book" } as TextEntry;
    const { tree, file } = restore("THE TIME TRAVELLER\n\nBY\nH. G. WELLS,\nAUTHOR OF 'THE WAR.'\n\nCHAPTER I\n\nThe Time Traveller was expounding a recondite matter to us.\n", [entry]);
    expect(messagesOf(file, "structure-byline")).toEqual(["3:1 byline, shown in the text's heading: `BY`", "4:1 byline, shown in the text's heading: `H. G. WELLS,`"]);
    expect(toString(tree.children[0]!)).toBe("AUTHOR OF 'THE WAR.'");
    expect(headingsOf(tree).map((node) => toString(node))).toEqual(["CHAPTER I"]);
  });

  it("does not take a title block's fields for headings, with or without chapters", () => {
    const { tree } = restore("Title: A Book\n\nAuthor: Some One\n\nLanguage: English\n\nThe text begins here and goes on for a while.\n\nMore.\n");
    expect(headingsOf(tree)).toEqual([]);
  });
});

describe("dialogue and speaker lines are never headings", () => {
  it("keeps speaker lines as paragraphs", () => {
    const { tree } = restore("MR. SMITH:\n\nHAMMOND.\n\nSMITH: Well I never did see the like\n\nDR. JONES: I think not\n\nThe end of the scene.\n");
    expect(headingsOf(tree)).toEqual([]);
  });

  it("keeps a line of dialogue ending in `?”`, or with a speaker verb between quotes, as a paragraph", () => {
    const { tree } = restore("Prose before.\n\n“Is it the old house we are going to?”\n\n“Yes,” he said, “come by all means\n\nSaid I: “Could I get some tobacco and a pipe?”\n\nProse after.\n");
    expect(headingsOf(tree)).toEqual([]);
  });

  it("tells dialogue by its quotation marks and punctuation", () => {
    expect(["“And then?”", "\"Just look a moment.\"", "“Yes,” she said", "Quoth I: “But have you no prisons at all now?”"].map(isDialogue)).toEqual([true, true, true, true]);
    expect(["The Degenerated Workers’ State", "Trotsky’s Theory", "The “Third Period” and After", "Disaster in China: 1925–27", "Stalin: “Socialism in One Country”"].map(isDialogue)).toEqual([false, false, false, false, false]);
    expect(["HAMMOND.", "MR. SMITH:", "SMITH: I think not", "J. SMITH: Yes"].map(isSpeakerLine)).toEqual([true, true, true, true]);
    expect(["APPENDIX: NOTES ON THE TEXT", "The enigma: Why did Trotsky keep quiet?", "Revolution", "II. The Beginning"].map(isSpeakerLine)).toEqual([false, false, false, false]);
    expect(headingVerdict("“In a revolution, greater energy is equivalent to greater humanity.”")).toBe("no");
    expect(headingVerdict("One-Party State?")).toBe("question");
  });
});

describe("division labels", () => {
  it("reads the label, its number and its title", () => {
    expect(divisionLabel("CHAPTER XVIII: THE BEGINNING OF THE NEW LIFE")).toMatchObject({ kind: "chapter", number: "XVIII", value: 18, labelLength: 13, titleStart: 15 });
    expect(divisionLabel("Chapter 12. The Title")).toMatchObject({ kind: "chapter", value: 12, titleStart: 12 });
    expect(divisionLabel("BOOK THE FIRST")).toMatchObject({ kind: "book", value: 1 });
    expect(divisionLabel("Part II")).toMatchObject({ kind: "part", value: 2 });
    expect(divisionLabel("CHAPTER IV.")).toMatchObject({ kind: "chapter", value: 4 });
    expect(divisionLabel("CHAPTER XXXII: THE FEAST'S BEGINNING--THE END")).toMatchObject({ value: 32 });
  });

  it("refuses prose, lower-case labels, bad numerals and dialogue titles", () => {
    for (const line of ["Chapter 1 describes the city", "chapter 1", "Chapter IIII", "Chapter XIV: “Yes,” he said", "Part of the book was lost."]) expect(divisionLabel(line), line).toBeUndefined();
    expect(romanValue("XLIV")).toBe(44);
    expect(romanValue("IIII")).toBeUndefined();
    expect(isTitleLine("THE RIVER.")).toBe(true);
    expect(isTitleLine("He went down to the river and sat there for an hour.")).toBe(false);
  });
});

describe("lines broken on purpose in a hard-wrapped text", () => {
  const prose = (seed: number) =>
    Array.from({ length: 6 }, (_, index) => `Line ${seed}.${index} of a paragraph of prose, wrapped by the press at seventy col`).join("\n");
  it("keeps an indented verse block and a title page line by line, with a warning, and joins the prose", () => {
    const value = [prose(1), "   Sing, goddess, the anger of Peleus' son\n   Achilles, that brought countless ills", prose(2), "A TITLE\nOR\nA SUBTITLE", prose(3)].join("\n\n");
    const { tree, file } = runPlugins([[restoreParagraphs, {}], [restoreLineBreaks]], `${value}\n`);
    const shapes = tree.children.map((node) => (node as Paragraph).children.map((child) => child.type).join(","));
    expect(shapes).toEqual(["text", "text,break,text", "text", "text,break,text,break,text", "text"]);
    expect(toString((tree.children[1] as Paragraph).children[2]!)).toBe("Achilles, that brought countless ills");
    expect(messagesOf(file, "structure-short-lines").map((message) => message.split(" ")[0])).toEqual(["8:4", "18:1"]);
  });

  it("still reads a chapter label and its title set on two short lines of one block as one heading", () => {
    const value = [prose(1), "CHAPTER II\nTHE ROAD", prose(2), "Last words."].join("\n\n");
    const { tree } = restore(`${value}\n`);
    expect(headingsOf(tree).map((node) => [node.position?.start.line, toString(node), props(node).dataChapter])).toEqual([[8, "CHAPTER II: THE ROAD", "2"]]);
  });
});

describe("the styles", () => {
  it("style every division heading class the headings stage writes, and kept lines, in print and in the EPUB", () => {
    for (const sheet of ["styles/print.css", "styles/epub.css"]) {
      const css = readFileSync(sheet, "utf8");
      for (const name of [...Object.values(divisionHeadingClasses), "lines"]) expect(css, `${sheet} .${name}`).toMatch(new RegExp(`\\.${name}\\b`));
    }
  });
});

describe("kept lines in the EPUB's XHTML", () => {
  it("writes a hard break as one self-closed `<br/>` (epub-gen-memory re-reads `</br>` as a second break)", () => {
    expect(toXhtml(h("p", { className: ["lines"] }, ["NEWS FROM NOWHERE", h("br"), "\n", "OR"]))).toBe('<p class="lines">NEWS FROM NOWHERE<br/>\nOR</p>');
    expect(toXhtml(h("p", [h("span", { id: "a" }), "x"]))).toBe('<p><span id="a"></span>x</p>');
  });
});
