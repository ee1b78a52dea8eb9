// The class and role contract of src/book/schema.ts: what one stage writes,
// another reads. Each test takes the writer's real output and the reader's
// real code (or the browser script and the styles that read the classes).
import { readFile } from "node:fs/promises";
import type { Element, ElementContent, Root } from "hast";
import { h } from "hastscript";
import { selectAll } from "hast-util-select";
import { describe, expect, it } from "vitest";
import { chronologyAppendix } from "../src/book/back-matter/chronology.js";
import { nameIndex } from "../src/book/back-matter/name-index.js";
import { backMatterSemantics, divisionHeadingClasses, noteClasses, pageRefClasses, printClasses, roleOfType, typeOfRole } from "../src/book/schema.js";
import { interfaceWords } from "../src/book/words.js";
import type { ChronologyEntry } from "../src/enrich/dates/events.js";
import type { TextEntry } from "../src/manifest/manifest-schema.js";
import { fillPageRefs } from "../src/render/epub-page-refs.js";
import { footnotesForPrint } from "../src/render/print-notes.js";
import { toXhtml } from "../src/render/to-xhtml.js";
import { noteHandlers } from "../src/restore/notes-hast.js";

const entry = (id: string, author: string, title: string): TextEntry => ({ id, author, title, file: `texts/${id}.txt`, kind: "article", publication: "J", source: { site: "A" } });
const words = interfaceWords("en");

describe("the class and role contract", () => {
  it("pairs every epub:type with one role and back", () => {
    for (const [type, role] of Object.entries(roleOfType)) expect(typeOfRole[role]).toBe(type);
    for (const semantics of Object.values(backMatterSemantics)) expect(roleOfType[semantics["epub:type"]]).toBe(semantics.role);
  });

  it("the browser script that numbers the print pages selects the classes the book writes", async () => {
    const script = await readFile(new URL("../src/render/browser/page-map.js", import.meta.url), "utf8");
    expect(script).toContain(`bodyStartSelector: ".${printClasses.bodyStart}"`);
    expect(script).toContain(`contentsSlotSelector: ".${printClasses.contentsPage}"`);
    expect(script).toContain(`pageRefSelector: "a.${pageRefClasses.ref}"`);
    expect(script).toContain(`pageRefListSelector: ".${pageRefClasses.list}"`);
    // A chapter (part, book, volume) opens a page in print: no running head nor folio there, as on a text's opening page.
    const opening = /openingSelector: "([^"]+)"/.exec(script)![1]!.split(", ");
    expect(opening).toEqual(["h1", ...Object.values(divisionHeadingClasses).map((name) => `.${name}`)]);
  });

  it("the print styles style the note and page-reference classes", async () => {
    const css = await readFile(new URL("../styles/print.css", import.meta.url), "utf8");
    for (const name of [noteClasses.call, noteClasses.label, noteClasses.section, noteClasses.list, pageRefClasses.ref]) expect(css).toMatch(new RegExp(`\\.${name}\\b`));
  });

  it("the index and the chronology write page references that the EPUB fills with print folios", () => {
    const texts = [entry("a", "Ann Smith", "A text")];
    const labels = new Map([["a", "Smith"]]);
    const index = nameIndex({
      texts: [{ entry: texts[0]!, mentions: [{ id: "a-name-1", heading: "Lenin, V. I.", surface: "Lenin", known: true }, { id: "a-name-2", heading: "Lenin, V. I.", surface: "Lenin", known: true }] }],
      language: "en",
      labels,
      words,
    });
    const passage = { anchor: "chrono-a-1", textId: "a", date: { edtf: "1917-10-25", text: "25 October 1917" }, summary: "S.", sentence: "S.", persons: [] };
    const chronology = chronologyAppendix({
      entries: [{ date: passage.date, summary: "S.", persons: [], passages: [passage], min: 0, max: 0 } as unknown as ChronologyEntry],
      labels,
      words,
    });
    const tree: Root = { type: "root", children: [h("section", index), h("section", chronology as ElementContent[])] };
    expect(selectAll(`.${pageRefClasses.list} a.${pageRefClasses.ref}`, tree)).toHaveLength(2);
    expect(selectAll(`.${pageRefClasses.phrase} a.${pageRefClasses.ref}`, tree)).toHaveLength(1);
    fillPageRefs(tree, { folios: ["1", "2", "3"], pageOf: new Map([["a-name-1", 1], ["a-name-2", 2], ["chrono-a-1", 2]]) });
    const xhtml = toXhtml(tree.children as Element[]);
    // Two mentions on consecutive pages are one range; the chronology's reference reads its page.
    expect(xhtml).toMatch(/<a class="page-ref index-locator"[^>]*href="#a-name-1">2–3<\/a>/);
    expect(xhtml).toContain(', p.\u00a0<a class="page-ref" href="#chrono-a-1">3</a>');
  });

  it("the notes restore writes are the notes print moves to the page foot", () => {
    const state = { patch() {}, all: () => [h("p", "The note.")] } as never;
    const call = (noteHandlers.footnoteReference as unknown as (s: never, n: never) => Element)(state, { type: "footnoteReference", identifier: "n1", label: "1", data: { callId: "c1", noteId: "n1" } } as never);
    const note = (noteHandlers.footnoteDefinition as unknown as (s: never, n: never) => Element)(state, { type: "footnoteDefinition", identifier: "n1", label: "1", children: [], data: { callIds: ["c1"], noteId: "n1" } } as never);
    expect(call.properties.className).toContain(noteClasses.call);
    expect(note.properties.className).toContain(noteClasses.note);
    const section = h("section", { className: [noteClasses.section] }, [h("ol", { className: [noteClasses.list] }, [note])]);
    const tree: Root = { type: "root", children: [h("p", ["Text", call]), section] };
    footnotesForPrint(tree, "footnotes");
    // The note now follows its call as a footnote, and the emptied notes section is gone.
    expect(toXhtml(tree.children as Element[])).toMatch(/^<p>Text<span class="footnote" data-note-id="n1"><span class="note-label">1\.<\/span> The note\.<\/span><a [^>]*class="noteref"[^>]*>1<\/a><\/p>$/);
  });
});
