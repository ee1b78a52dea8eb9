// A text with chapters in the EPUB: one XHTML file per chapter, named by
// the chapter's section id, the opening (title and what stands before the
// first chapter) in the division's own file, a chapter over the size limit
// split by size; every link resolves across the files; the navigation
// document and the NCX nest the chapters (and the sections within them)
// under their text; the contents lists the chapters under the text's title;
// the PDF bookmarks are nested the same way.
//
// Chapter headings are marked by the structure stage (`divisionHeadingClasses`).
// Until that stage marks `CHAPTER I: TITLE` lines itself (the books work on
// src/restore/headings.ts), `markChapters` below stands in for it: it marks
// the headings the current pipeline already makes of those lines, then runs
// the book stage again, as the pipeline would have run it over marked
// headings.
import path from "node:path";
import type { Element, Root } from "hast";
import { toString as hastToString } from "hast-util-to-string";
import { PDFDocument } from "pdf-lib";
import { h } from "hastscript";
import { visit } from "unist-util-visit";
import { parse } from "yaml";
import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { structureBook } from "../src/book/book-processor.js";
import { chapterHeadings, chapterOutline, textOutline } from "../src/book/chapters.js";
import { divisionOf } from "../src/book/division.js";
import { divisionHeadingClasses } from "../src/book/schema.js";
import { buildEdition, type Edition } from "../src/pipeline.js";
import { renderEpub } from "../src/render/epub.js";
import { checkEpub } from "../src/render/epub-check.js";
import { readOutline, setOutline } from "../src/render/pdf-outline.js";
import { printOutline } from "../src/render/print-html.js";
import { defaultMaxFileBytes } from "../src/render/split-division.js";
import { validManifest } from "./fixtures/manifests.js";
import { type EpubFiles, bodyText, epubFiles, generatedParagraph, idsOf, sourcesFixture } from "./helpers.js";

/** Stand-in for the structure stage's chapter marks (see above): `CHAPTER <roman>` headings get the chapter class. */
function markChapters(book: Root): Root {
  const marked = structuredClone(book);
  visit(marked, "element", (node) => {
    if (node.tagName === "h2" && /^CHAPTER [IVXLC]+\b/.test(hastToString(node))) {
      const classes = (node.properties.className as string[] | undefined) ?? [];
      if (!classes.includes(divisionHeadingClasses.chapter)) node.properties.className = [...classes, divisionHeadingClasses.chapter];
    }
  });
  return structureBook(marked);
}

type Files = EpubFiles;

/** Every in-book link of every file: [file it stands in, href]. */
function inBookLinks(files: Files): [string, string][] {
  const links: [string, string][] = [];
  for (const [name, xhtml] of files.xhtml) {
    for (const [, href] of xhtml.matchAll(/\shref="([^"]+)"/g)) if (!/^[a-z]+:/.test(href!) && !href!.endsWith(".css")) links.push([name, href!]);
  }
  return links;
}

/** Where a link leads: [file, id]. */
const targetOf = (file: string, href: string): [string, string] => {
  const [target, id] = href.split("#");
  return [target || file, id ?? ""];
};

function expectAllLinksResolve(files: Files): number {
  const links = inBookLinks(files);
  for (const [file, href] of links) {
    const [target, id] = targetOf(file, href);
    expect(files.xhtml.has(target), `${file}: ${href}`).toBe(true);
    if (id) expect(idsOf(files.xhtml.get(target)!).has(id), `${file}: ${href}`).toBe(true);
  }
  return links.length;
}

const words = ["comrades", "argued", "over", "the", "question", "of", "river", "houses", "while", "market", "gardens", "met", "again", "in", "summer", "and", "spring", "with", "new", "boats"];

const paragraph = (chapter: number, index: number) => generatedParagraph(words, "chapter", chapter, index);

const chapterTitles = ["CHAPTER I: THE FIRST DAY", "CHAPTER II: A WALK BY THE RIVER", "CHAPTER III: THE LONG DAY", "CHAPTER IV: THE LAST DAY"];

/** A book of four chapters: an opening, a section heading inside chapter II, chapter III over the size limit alone, a note called in chapter I and the notes at the end. */
function bookText(): string {
  const lines = ["An opening paragraph before the first chapter, as a book's title matter has."];
  chapterTitles.forEach((title, chapter) => {
    lines.push(title);
    const count = chapter === 2 ? 600 : 30;
    for (let index = 0; index < count; index++) {
      let text = paragraph(chapter, index);
      if (chapter === 0 && index === 3) text += "[1]";
      if (index === 5) text += ` On 7 November ${1917 + chapter} Leon Trotsky spoke again.`;
      lines.push(text);
      if (chapter === 1 && index === 14) lines.push("Houses on the Bank");
    }
  });
  lines.push("Notes", "1. Leon Trotsky, My Life (New York: Scribner, 1930), p. 11.");
  return `${lines.join("\n\n")}\n`;
}

/** The fixture manifest with the first text a book. */
const bookManifest = validManifest.replace("    title: The first text\n    kind: review", "    title: The first text\n    kind: book");

describe("a text with chapters, one EPUB file per chapter", () => {
  let edition: Edition;
  let book: Root;
  let files: Files;
  let whole: Files;
  let epub: Buffer;

  beforeAll(async () => {
    const sources = await sourcesFixture(bookManifest, { "texts/first.txt": bookText(), "texts/second.txt": "Only paragraph of the second text.\n" });
    edition = await buildEdition(path.join(sources, "edition.yaml"));
    book = markChapters(edition.book);
    epub = await renderEpub(edition.manifest, book, { cover: null });
    files = await epubFiles(epub);
    whole = await epubFiles(await renderEpub(edition.manifest, book, { cover: null, maxFileBytes: Number.POSITIVE_INFINITY }));
  });

  it("gives each chapter a file named by its section id, after the opening in the division's own file", () => {
    const text = book.children.find((node): node is Element => node.type === "element" && divisionOf(node)?.id === "text-first")!;
    const chapters = chapterHeadings(text);
    expect(chapters.map((heading) => hastToString(heading))).toEqual(chapterTitles);
    const ids = chapters.map((heading) => String(heading.properties.id));
    expect(ids[0]).toBe("text-first-chapter-i-the-first-day");
    const textFiles = files.spine.filter((file) => file.startsWith("text-first"));
    expect(textFiles.filter((file) => !file.includes("-part-"))).toEqual(["text-first.xhtml", ...ids.map((id) => `${id}.xhtml`)]);
    // The opening: the text's title and its paragraph before chapter I, and no chapter.
    const opening = files.xhtml.get("text-first.xhtml")!;
    expect(opening).toMatch(/<section id="text-first"[^>]*aria-labelledby="text-first-title"/);
    expect(opening).toContain("The first text</h1>");
    expect(opening).toContain("An opening paragraph before the first chapter");
    expect(opening).not.toContain("CHAPTER I");
    // Each chapter's file opens with its heading and is labelled by it.
    for (const id of ids) {
      const xhtml = files.xhtml.get(`${id}.xhtml`)!;
      expect(xhtml).toMatch(new RegExp(`<section class="division text text-book" epub:type="chapter" role="doc-chapter" aria-labelledby="${id}">\\s*<h2 [^>]*id="${id}"`));
    }
    // The section heading inside chapter II stays in chapter II's file.
    expect(files.xhtml.get(`${ids[1]}.xhtml`)).toMatch(/>Houses on the Bank<\/h[23]>/);
  });

  it("splits a chapter over the limit by size, and writes no file over 300,000 bytes", () => {
    for (const [name, xhtml] of files.xhtml) expect(Buffer.byteLength(xhtml), name).toBeLessThanOrEqual(defaultMaxFileBytes);
    const third = "text-first-chapter-iii-the-long-day";
    expect(Buffer.byteLength(whole.xhtml.get(`${third}.xhtml`)!)).toBeGreaterThan(defaultMaxFileBytes);
    expect(files.spine).toContain(`${third}-part-2.xhtml`);
    // The continuation is named by the chapter, not by the text.
    expect(files.xhtml.get(`${third}-part-2.xhtml`)).toMatch(/<section class="division text text-book" epub:type="chapter" role="doc-chapter" aria-label="CHAPTER III: THE LONG DAY">/);
    // Unlimited, every chapter is still its own file: the split by chapter does not depend on size.
    expect(whole.spine.filter((file) => file.startsWith("text-first"))).toHaveLength(1 + chapterTitles.length);
  });

  it("keeps the text in order: the files in spine order read as the text", () => {
    const textOf = (epubFiles: Files) => epubFiles.spine.map((file) => bodyText(epubFiles.xhtml.get(file)!)).join(" ");
    expect(textOf(files)).toBe(textOf(whole));
    expect(textOf(files)).toMatch(/chapter 1, paragraph 30\)\..*CHAPTER II: A WALK BY THE RIVER.*chapter 2, paragraph 1\)/);
  });

  it("resolves every link across the files: the note call and its back link, the index and the chronology", () => {
    expect(expectAllLinksResolve(files)).toBeGreaterThan(20);
    const first = files.xhtml.get("text-first-chapter-i-the-first-day.xhtml")!;
    const call = /<a [^>]*role="doc-noteref"[^>]*>/.exec(first)?.[0] ?? /<a [^>]*epub:type="noteref"[^>]*>/.exec(first)![0];
    const callId = /\sid="([^"]+)"/.exec(call)![1]!;
    const [noteFile, noteId] = targetOf("text-first-chapter-i-the-first-day.xhtml", /\shref="([^"]+)"/.exec(call)![1]!);
    // The notes stand at the text's end, in the last chapter's file.
    expect(noteFile).toBe("text-first-chapter-iv-the-last-day.xhtml");
    const notes = files.xhtml.get(noteFile)!;
    const back = /<a [^>]*doc-backlink[^>]*>/.exec(notes.slice(notes.indexOf(`id="${noteId}"`)))![0];
    expect(back).toContain(`href="text-first-chapter-i-the-first-day.xhtml#${callId}"`);
    // The index and the chronology point into the chapters' files.
    const index = files.xhtml.get("index.xhtml")!;
    const chapterFiles = new Set([...index.matchAll(/href="(text-first-chapter-[^"#]+)#/g)].map((match) => match[1]));
    expect(chapterFiles.size).toBeGreaterThanOrEqual(3);
    const chronology = files.xhtml.get("chronology.xhtml")!;
    expect(chronology).toMatch(/href="text-first-chapter-ii-a-walk-by-the-river\.xhtml#[^"]+"/);
  });

  it("nests the chapters under the text, and the section under its chapter, in the navigation document and the NCX", () => {
    const nav = files.xhtml.get("toc.xhtml")!;
    const entry = nav.slice(nav.indexOf('href="text-first.xhtml#text-first"'), nav.indexOf('href="text-second.xhtml'));
    const chapterLinks = [...entry.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((match) => [match[1], match[2]]);
    expect(chapterLinks).toEqual([
      ["text-first-chapter-i-the-first-day.xhtml#text-first-chapter-i-the-first-day", "CHAPTER I: THE FIRST DAY"],
      ["text-first-chapter-ii-a-walk-by-the-river.xhtml#text-first-chapter-ii-a-walk-by-the-river", "CHAPTER II: A WALK BY THE RIVER"],
      ["text-first-chapter-ii-a-walk-by-the-river.xhtml#text-first-houses-on-the-bank", "Houses on the Bank"],
      ["text-first-chapter-iii-the-long-day.xhtml#text-first-chapter-iii-the-long-day", "CHAPTER III: THE LONG DAY"],
      ["text-first-chapter-iv-the-last-day.xhtml#text-first-chapter-iv-the-last-day", "CHAPTER IV: THE LAST DAY"],
    ]);
    // Chapter II holds its section in a list of its own; the text holds the chapters.
    expect(entry).toMatch(/CHAPTER II: A WALK BY THE RIVER<\/a><ol><li><a [^>]+>Houses on the Bank<\/a><\/li><\/ol><\/li><li><a [^>]+>CHAPTER III/);
    expect(entry).toMatch(/^[^]*?<ol><li><a href="text-first-chapter-i-the-first-day/);
    // The NCX, the same tree: the text's navPoint holds the chapters', chapter II's holds the section's.
    const ncxText = (label: string) => `<navLabel><text>${label}</text></navLabel>`;
    const textPoint = files.ncx.slice(files.ncx.indexOf(ncxText("The first text")), files.ncx.indexOf(ncxText("The second text")));
    expect([...textPoint.matchAll(/<text>([^<]+)<\/text>/g)].map((match) => match[1])).toEqual(["The first text", ...chapterTitles.slice(0, 2), "Houses on the Bank", ...chapterTitles.slice(2)]);
    expect(textPoint).toMatch(/CHAPTER II: A WALK BY THE RIVER<\/text><\/navLabel><content src="[^"]+"\/><navPoint [^>]*><navLabel><text>Houses on the Bank<\/text><\/navLabel><content src="text-first-chapter-ii-a-walk-by-the-river\.xhtml#text-first-houses-on-the-bank"\/><\/navPoint><\/navPoint>/);
    expect(files.ncx).toContain('<meta name="dtb:depth" content="3"/>');
    expect(files.ncx).toMatch(/<\/navPoint><\/navPoint>\n<navPoint id="nav-\d+" playOrder="\d+"><navLabel><text>The second text/);
  });

  it("lists the chapters under the text's title in the contents page (not the section inside a chapter)", () => {
    const contents = book.children.find((node): node is Element => node.type === "element" && divisionOf(node)?.id === "contents")!;
    const list = contents.children.find((child): child is Element => child.type === "element" && child.tagName === "ol")!;
    const [first, second] = list.children.filter((child): child is Element => child.type === "element");
    const chapters = first!.children.find((child): child is Element => child.type === "element" && child.tagName === "ol");
    expect(chapters?.properties.className).toEqual(["contents-chapters"]);
    expect(chapters!.children.map((entry) => hastToString(entry))).toEqual(chapterTitles);
    expect(chapters!.children.every((entry) => entry.type === "element" && (entry.properties.className as string[]).includes("contents-entry"))).toBe(true);
    // A text without chapters keeps its one entry.
    expect(second!.children.some((child) => child.type === "element" && child.tagName === "ol")).toBe(false);
  });

  it("gives the PDF bookmarks the same nesting", async () => {
    const outline = printOutline(book);
    const text = outline.find((entry) => entry.id === "text-first")!;
    expect(text.children!.map((entry) => entry.title)).toEqual(chapterTitles);
    expect(text.children![1]!.children).toEqual([{ id: "text-first-houses-on-the-bank", title: "Houses on the Bank" }]);
    expect(outline.find((entry) => entry.id === "text-second")!.children).toBeUndefined();
    // Written into a PDF and read back: nested, each entry on its page, a text's entries closed.
    const doc = await PDFDocument.create();
    for (let page = 0; page < 6; page++) doc.addPage();
    const placed = outline.map((entry, index) => ({
      title: entry.title,
      page: index,
      ...(entry.children ? { children: entry.children.map((child, at) => ({ title: child.title, page: at, ...(child.children ? { children: child.children.map((grandchild) => ({ title: grandchild.title, page: 5 })) } : {}) })) } : {}),
    }));
    setOutline(doc, placed);
    const read = readOutline(await PDFDocument.load(await doc.save()));
    expect(read).toEqual(placed);
  });

  it("passes EPUBCheck", async () => {
    expect((await checkEpub(epub)).errors).toEqual([]);
  });
});

describe("a text without chapter headings", () => {
  it("has no chapters, with one marked heading or none, and its outline nests its headings by level", async () => {
    const sources = await sourcesFixture(bookManifest, {
      "texts/first.txt": `${["Opening paragraph of the text, which is a sentence.", "CHAPTER I: THE ONLY ONE", "A paragraph of the only chapter, which is a sentence.", "A Section", "A paragraph of the section, which is a sentence."].join("\n\n")}\n`,
      "texts/second.txt": "Only paragraph of the second text.\n",
    });
    const edition = await buildEdition(path.join(sources, "edition.yaml"));
    const book = markChapters(edition.book);
    const text = book.children.find((node): node is Element => node.type === "element" && divisionOf(node)?.id === "text-first")!;
    expect(chapterHeadings(text)).toEqual([]);
    // The one chapter heading stands at h2, the section after it one level below: the section nests under it.
    expect(textOutline(text).map(({ heading, children }) => [hastToString(heading), children.map((child) => hastToString(child.heading))])).toEqual([
      ["CHAPTER I: THE ONLY ONE", ["A Section"]],
    ]);
    const files = await epubFiles(await renderEpub(edition.manifest, book, { cover: null }));
    expect(files.spine.filter((file) => file.startsWith("text-first"))).toEqual(["text-first.xhtml"]);
  });
});

describe("News from Nowhere (the development corpus), one file per chapter", () => {
  let files: Files;
  let epub: Buffer;
  let marked: Root;
  /** The chapters the structure stage marks itself. */
  let ownMarks: number;
  let reading: { chapters: [number, string][] };

  beforeAll(async () => {
    reading = parse(await readFile("test/fixtures/readings/morris-chapters.yaml", "utf8")) as typeof reading;
    const edition = await buildEdition("test/fixtures/corpus/edition.yaml");
    ownMarks = chapterHeadings(edition.book.children.find((node): node is Element => node.type === "element" && divisionOf(node)?.id === "text-morris")!).length;
    marked = markChapters(edition.book);
    epub = await renderEpub(edition.manifest, marked, { cover: null });
    files = await epubFiles(epub);
  });

  it("gives every chapter heading its own file, none over 300,000 bytes", () => {
    const morris = marked.children.find((node): node is Element => node.type === "element" && divisionOf(node)?.id === "text-morris")!;
    const chapters = chapterHeadings(morris);
    const titles = chapters.map((heading) => hastToString(heading).replace(/[’]/g, "'").replace(/ – /g, "--"));
    // Every chapter the structure stage makes a heading is a chapter of the reading, in order.
    const read = reading.chapters.map(([, title]) => title);
    expect(read).toHaveLength(32);
    expect(titles.every((title) => read.includes(title))).toBe(true);
    expect(titles).toEqual(read.filter((title) => titles.includes(title)));
    // The structure stage's own marks give all 32; before it marks chapters, the stand-in marks the headings it makes,
    // and it leaves `CHAPTER XV` (the longest chapter line) a paragraph: 31.
    if (ownMarks) expect(chapters).toHaveLength(32);
    else expect(chapters).toHaveLength(31);
    const chapterFiles = files.spine.filter((file) => file.startsWith("text-morris-chapter-") && !file.includes("-part-"));
    expect(chapterFiles).toEqual(chapters.map((heading) => `${String(heading.properties.id)}.xhtml`));
    for (const [name, xhtml] of files.xhtml) expect(Buffer.byteLength(xhtml), name).toBeLessThanOrEqual(defaultMaxFileBytes);
    // Not one file over the limit and a continuation, as before chapters: the largest is a chapter, far under the limit.
    expect(Math.max(...[...files.xhtml].filter(([name]) => name.startsWith("text-morris")).map(([, xhtml]) => Buffer.byteLength(xhtml)))).toBeLessThan(100_000);
  });

  it("resolves every link, the index's and the chronology's into the chapters' files among them", () => {
    expectAllLinksResolve(files);
    const index = files.xhtml.get("index.xhtml")!;
    expect(new Set([...index.matchAll(/href="(text-morris-chapter-[^"#]+)#/g)].map((match) => match[1])).size).toBeGreaterThanOrEqual(10);
    expect(files.xhtml.get("chronology.xhtml")).toMatch(/href="text-morris-chapter-[^"#]+\.xhtml#chrono-morris-\d+"/);
  });

  it("nests the chapters under the book in the navigation document", () => {
    const nav = files.xhtml.get("toc.xhtml")!;
    const entry = nav.slice(nav.indexOf('href="text-morris.xhtml#text-morris"'));
    expect(entry).toMatch(/<a href="text-morris-chapter-i-discussion-and-bed\.xhtml#text-morris-chapter-i-discussion-and-bed">CHAPTER I: DISCUSSION AND BED<\/a>/);
    expect(entry).toMatch(/CHAPTER XXXII: THE FEAST’S BEGINNING – THE END<\/a>/);
  });

  it("passes EPUBCheck", async () => {
    expect((await checkEpub(epub)).errors).toEqual([]);
  });
});

describe("a text's outline from a small tree", () => {
  const marked = (kind: keyof typeof divisionHeadingClasses, tagName: string, words: string) => h(tagName, { className: [divisionHeadingClasses[kind]] }, words);
  const structured = (children: Element[]) => {
    const division = h("section", { id: "text-t", className: ["division", "text"] }, [h("header", [h("h1", { id: "text-t-title" }, "T")]), ...children]);
    division.data = { division: { id: "text-t", part: "body", title: "T", inContents: true } };
    structureBook({ type: "root", children: [division] });
    return division;
  };
  const ids = (nodes: ReturnType<typeof textOutline>): unknown[] => nodes.map(({ heading, children }) => (children.length ? [heading.properties.id, ids(children)] : heading.properties.id));

  it("nests sections under the chapter they follow, at the level below it or at its own, and keeps a heading before the first chapter at the text's level", () => {
    const division = structured([
      h("h2", "Preface"),
      marked("chapter", "h2", "One"),
      h("p", "a"),
      h("h3", "A section"),
      marked("chapter", "h2", "Two"),
      h("h2", "An unmarked heading"),
      h("section", { "epub:type": "endnotes" }, [h("h2", "Notes")]),
    ]);
    expect(ids(textOutline(division))).toEqual(["text-t-preface", ["text-t-one", ["text-t-a-section"]], ["text-t-two", ["text-t-an-unmarked-heading"]]]);
    expect(ids(chapterOutline(division))).toEqual(["text-t-one", "text-t-two"]);
  });

  it("nests chapters under their parts, and splits the files at both", async () => {
    const division = structured([
      marked("part", "h2", "Part One"),
      marked("chapter", "h3", "Chapter I"),
      h("h4", "A section"),
      marked("chapter", "h3", "Chapter II"),
      marked("part", "h2", "Part Two"),
      marked("chapter", "h3", "Chapter III"),
    ]);
    expect(ids(textOutline(division))).toEqual([
      ["text-t-part-one", [["text-t-chapter-i", ["text-t-a-section"]], "text-t-chapter-ii"]],
      ["text-t-part-two", ["text-t-chapter-iii"]],
    ]);
    expect(ids(chapterOutline(division))).toEqual([["text-t-part-one", ["text-t-chapter-i", "text-t-chapter-ii"]], ["text-t-part-two", ["text-t-chapter-iii"]]]);
    expect(chapterHeadings(division).map((heading) => heading.properties.id)).toEqual(["text-t-part-one", "text-t-chapter-i", "text-t-chapter-ii", "text-t-part-two", "text-t-chapter-iii"]);
  });
});
