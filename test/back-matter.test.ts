// The back matter rendered in the book stage from the enrichers' data: one
// short label per text for the index and the chronology, the calendar note
// as edition text, and the interface words by the manifest's language.
import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import { toString as hastToString } from "hast-util-to-string";
import { selectAll } from "hast-util-select";
import { describe, expect, it } from "vitest";
import { assembleBook } from "../src/book/assemble-book.js";
import { chronologyAppendix } from "../src/book/back-matter/chronology.js";
import { nameIndex } from "../src/book/back-matter/name-index.js";
import { shortTitles } from "../src/book/short-title.js";
import { interfaceWords } from "../src/book/words.js";
import type { ChronologyEntry, DatedEvent } from "../src/enrich/dates/events.js";
import { loadEdition } from "../src/manifest/load-edition.js";
import { manifestSchema, type TextEntry } from "../src/manifest/manifest-schema.js";

const entry = (id: string, author: string | undefined, title: string, shortTitle?: string): TextEntry => ({
  id, ...(author ? { author } : { anonymous: true }), title, ...(shortTitle ? { shortTitle } : {}), file: `texts/${id}.txt`, kind: "article", publication: "J", source: { site: "A" },
});
const en = interfaceWords("en");

function passageOf(textId: string, anchor: string): DatedEvent {
  return { anchor, textId, date: { edtf: "1917-10-25", text: "25 October 1917" } as DatedEvent["date"], summary: "The rising.", sentence: "The rising.", persons: [] } as unknown as DatedEvent;
}
const entryOf = (passages: DatedEvent[]) => ({ date: passages[0]!.date, summary: "The rising.", persons: [], passages, min: 0, max: 0 }) as unknown as ChronologyEntry;

describe("short labels of texts", () => {
  it("takes the manifest's shortTitle, else a surname no other text shares, else the title", () => {
    const texts = [
      entry("a", "Ann Smith", "A text"),
      entry("b", "Bob Jones", "B text"),
      entry("c", "Carl Jones", "C text"),
      entry("d", undefined, "Trotsky: an introduction", "Introduction"),
      entry("e", undefined, "Another anonymous text"),
    ];
    expect([...shortTitles(texts)]).toEqual([
      ["a", "Smith"],
      ["b", "B text"],
      ["c", "C text"],
      ["d", "Introduction"],
      ["e", "Another anonymous text"],
    ]);
  });

  it("the index and the chronology name a text alike", () => {
    const texts = [entry("sherry", "Dave Sherry", "S"), entry("intro", undefined, "Trotsky: an introduction", "Introduction")];
    const labels = shortTitles(texts);
    const index = nameIndex({
      texts: texts.map((text) => ({ entry: text, mentions: [{ id: `${text.id}-name-1`, heading: "Lenin, V. I.", surface: "Lenin", known: true }] })),
      language: "en",
      labels,
      words: en,
    });
    const chronology = chronologyAppendix({ entries: [entryOf([passageOf("sherry", "c-1"), passageOf("intro", "c-2")])], labels, words: en });
    const indexLabels = selectAll(".index-text-label", h("div", index)).map((node) => hastToString(node));
    const chronologyLabels = selectAll(".chronology-source", h("div", chronology as ElementContent[])).map((node) => hastToString(node));
    expect(indexLabels).toEqual(["Sherry", "Introduction"]);
    expect(chronologyLabels).toEqual(indexLabels);
  });
});

describe("the chronology's calendar note", () => {
  const convention = (calendarNote?: string) =>
    hastToString(chronologyAppendix({ entries: [entryOf([passageOf("a", "c-1")])], labels: new Map([["a", "A"]]), calendarNote, words: en })[0] as Element);

  it("is the edition's text, placed after the general conventions", () => {
    const text = convention("France kept the Republican calendar from 1793 to 1805.");
    expect(text).toContain("Dates are given as the texts give them. France kept the Republican calendar from 1793 to 1805. A year in square brackets");
    expect(text).not.toContain("Julian");
  });

  it("is absent when the manifest gives none: no subject knowledge comes from code", () => {
    const text = convention();
    expect(text).not.toMatch(/Russia|Julian|O\.S\./);
    expect(text).toContain("Dates are given as the texts give them. A year in square brackets");
  });

  it("is in this edition's manifest, with the Russian calendar", async () => {
    const { manifest } = await loadEdition(new URL("../sources/edition.yaml", import.meta.url).pathname);
    expect(manifest.calendarNote).toMatch(/^Russia kept the Julian calendar \(Old Style\) until February 1918/);
    expect(manifest.texts.find((text) => text.id === "introduction")?.shortTitle).toBe("Introduction");
  });
});

describe("interface words", () => {
  it("are English for English and for a language with no table of its own", () => {
    expect(interfaceWords("en-GB")).toEqual(en);
    expect(interfaceWords("xx").index).toBe("Index of names");
  });

  it("name the book's divisions and landmarks", () => {
    const manifest = manifestSchema.parse({
      slug: "w", title: "W", editor: "E", publisher: "P", language: "en", rights: "R",
      identifier: "urn:uuid:00000000-0000-4000-8000-000000000003", description: "D", subject: "S", revised: "2026-01-31", note: "N",
      texts: [entry("a", "Ann Smith", "A text")],
    });
    const content = [h("p", "x")];
    const book = assembleBook(manifest, [{ entry: manifest.texts[0]!, tree: { type: "root", children: [] }, chapterNumber: "16" }], {
      chronology: content, bibliography: content, editorialNote: content, index: content,
    });
    const headings = selectAll(".back-matter-title, .contents-heading, .chapter-number, .sources-heading", { type: "root", children: book.children }).map((node) => hastToString(node));
    expect(headings).toEqual([en.sources, en.contents, en.chapter("16"), en.chronology, en.worksCited, en.editorialNote, en.index]);
    expect(headings).toEqual(["Sources", "Contents", "Chapter 16", "Chronology", "Works cited", "Editorial note", "Index of names"]);
  });
});

describe("the notes' interface words", () => {
  it("come from the words given to the note handlers, English by default", async () => {
    const { noteHandlers, noteHandlersFor } = await import("../src/restore/notes-hast.js");
    const state = { patch() {}, all: () => [] } as never;
    const section = (handlers: typeof noteHandlers) =>
      hastToString((handlers.noteSection as unknown as (s: never, n: never) => Element)(state, { type: "noteSection", children: [], data: { textId: "a" } } as never));
    expect(section(noteHandlers)).toBe("Notes");
    expect(section(noteHandlersFor({ ...en, notes: "Anmerkungen" }))).toBe("Anmerkungen");
  });
});
