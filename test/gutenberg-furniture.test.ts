// News from Nowhere (the development corpus, a Project Gutenberg book) built as
// its edition: none of Project Gutenberg's furniture reaches the book's own
// XHTML, and every line of the book proper does. Figures from
// test/fixtures/readings/kinds-of-source.yaml (read from the raw text).
import { readFile } from "node:fs/promises";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildEdition, type Edition } from "../src/pipeline.js";
import { renderEpub } from "../src/render/epub.js";
import { decodeEntities } from "./helpers.js";

interface MorrisReading {
  startMarker: number;
  endMarker: number;
  lines: number;
  bookProper: [number, number];
  bookProperLetterRuns: number;
  credit: [number, number];
  creditLetterRuns: number;
  firstSentence: string;
  lastSentence: string;
  lastLine: string;
}

const reading = (parse(await readFile("test/fixtures/readings/kinds-of-source.yaml", "utf8")) as { morris: MorrisReading }).morris;
const raw = (await readFile("test/fixtures/corpus/morris-1890-news-from-nowhere.txt", "utf8")).split("\r\n");

/** Words as runs of letters, lower-cased: what typography (dashes, quotes, spaces) never changes. */
const letterRuns = (text: string) => (text.match(/\p{L}+/gu) ?? []).map((word) => word.toLowerCase());



/** The text of a file's body, its tags made spaces. */
const bodyText = (xhtml: string) => decodeEntities(xhtml.slice(xhtml.indexOf("<body")).replace(/<[^>]*>/g, " ")).replace(/\s+/g, " ");

let edition: Edition;
/** The book's own XHTML files' body text, in spine order. */
let morris: string;
let sourceNote: string;

beforeAll(async () => {
  edition = await buildEdition("test/fixtures/corpus/edition.yaml");
  const zip = await JSZip.loadAsync(await renderEpub(edition.manifest, edition.book, { cover: null }));
  const opf = await zip.file("OEBPS/content.opf")!.async("string");
  const hrefOf = new Map([...opf.matchAll(/<item id="([^"]+)" href="([^"]+)"/g)].map((match) => [match[1]!, match[2]!]));
  const spine = [...opf.matchAll(/<itemref idref="([^"]+)"/g)].map((match) => hrefOf.get(match[1]!)!);
  const files = spine.filter((href) => /^text-morris[.-]/.test(href));
  expect(files.length).toBeGreaterThan(0);
  const xhtml = await Promise.all(files.map((href) => zip.file(`OEBPS/${href}`)!.async("string")));
  morris = xhtml.map(bodyText).join(" ");
  sourceNote = [...xhtml.join("").matchAll(/<footer class="source-note">([\s\S]*?)<\/footer>/g)].map((match) => bodyText(`<body>${match[1]}`)).join(" ");
}, 120_000);

describe("a Project Gutenberg book (News from Nowhere)", () => {
  it("shows no Project Gutenberg furniture in the book's own XHTML", () => {
    expect(morris.match(/Project\s+Gutenberg/gi) ?? []).toEqual([]);
    expect(morris).not.toMatch(/\*\*\*|START OF THE|END OF THE|[Gg]utenberg\.org|Character set encoding|Release Date|This eBook is for the use/);
  });

  it("reports each removal at its raw lines with its rule", () => {
    const file = edition.files.find((candidate) => candidate.data.textId === "morris")!;
    const removal = (ruleId: string) => file.messages.find((message) => message.ruleId === ruleId && message.source === "project-gutenberg");
    expect(removal("gutenberg-header")).toMatchObject({ line: 1, place: { end: { line: reading.startMarker } } });
    expect(removal("gutenberg-licence")).toMatchObject({ line: reading.endMarker, place: { end: { line: reading.lines - 1 } } });
    expect(removal("gutenberg-credit")).toMatchObject({ line: reading.credit[0], place: { end: { line: reading.credit[1] } } });
    expect(file.messages.filter((message) => message.source === "project-gutenberg" && message.fatal !== undefined)).toEqual([]);
    expect(file.data.sourceMetadata).toMatchObject({ title: "News from Nowhere", author: "William Morris", language: "English", date: "May 8, 2007" });
  });

  it("keeps the novel's first and last sentences and its last footnote", () => {
    const fold = (text: string) => letterRuns(text).join(" ");
    expect(fold(morris)).toContain(fold(reading.firstSentence));
    expect(fold(morris)).toContain(fold(reading.lastSentence));
    expect(fold(morris)).toContain(fold(reading.lastLine));
  });

  it("keeps every word of the book proper: its letter runs, in order, less only the credit moved to the source note", () => {
    const [from, to] = reading.bookProper;
    const proper = raw.slice(from - 1, to);
    expect(letterRuns(proper.join("\n"))).toHaveLength(reading.bookProperLetterRuns);
    const credit = raw.slice(reading.credit[0] - 1, reading.credit[1]).join(" ");
    expect(letterRuns(credit)).toHaveLength(reading.creditLetterRuns);
    expect(letterRuns(sourceNote).join(" ")).toContain(letterRuns(credit).join(" "));

    // Each line of the book proper (but the credit's) in the book's words, in order: its inner words
    // (all but the first and last, which a joined hard wrap may change) stand there one after another.
    const words = letterRuns(morris);
    const text = ` ${words.join(" ")} `;
    let at = 0;
    const missing: number[] = [];
    let checked = 0;
    proper.forEach((line, index) => {
      const number = from + index;
      if (number >= reading.credit[0] && number <= reading.credit[1]) return;
      const inner = letterRuns(line).slice(1, -1);
      if (inner.length < 2) return;
      checked++;
      const found = text.indexOf(` ${inner.join(" ")} `, at);
      if (found < 0) missing.push(number);
      else at = found;
    });
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(6000);
    // Nothing else: the book's XHTML holds the book proper, the heading the manifest gives (title, author) and the source note.
    // (Measured 29 November 2026: 79,086 letter runs, as many as between the markers: the credit's 15 went to the source
    // note, and the title page's `NEWS FROM NOWHERE` and `WILLIAM MORRIS` became the heading's 5.)
    const entry = edition.manifest.texts.find((text) => text.id === "morris")!;
    const extra = words.length - (reading.bookProperLetterRuns - reading.creditLetterRuns);
    expect(extra).toBeGreaterThanOrEqual(0);
    expect(extra).toBeLessThanOrEqual(letterRuns(sourceNote).length + letterRuns(`${entry.title} ${entry.author}`).length);
  });
});
