// Note conventions found from the text's own evidence (issue 13, part 1): the
// small texts in test/fixtures/notes/ (one convention each, counted by eye:
// see the README there) and the Schneider text of the development corpus,
// whose expected figures are readings kept in test/fixtures/readings/notes.yaml.
import { readFile } from "node:fs/promises";
import type { Element, Root as HastRoot } from "hast";
import { toString } from "hast-util-to-string";
import type { FootnoteDefinition, FootnoteReference, Root } from "mdast";
import { toString as toMdString } from "mdast-util-to-string";
import { visit } from "unist-util-visit";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { unified } from "unified";
import { parse } from "yaml";
import { lexiconSchema } from "../src/manifest/lexicon-schema.js";
import { processText, textProcessor } from "../src/pipeline.js";
import { restoreNotes } from "../src/restore/notes.js";
import { closingNotes } from "../src/restore/blocks.js";
import { runPlugins } from "./restore-fixture.js";

const lexicon = lexiconSchema.parse(parse(await readFile("src/lexicon/en.yaml", "utf8")));
const processor = textProcessor({ corrections: [], boilerplate: { sites: [] }, lexicon });

async function restore(value: string, textId = "fx", path = "fixture.txt") {
  const file = new VFile({ path, value, data: { textId } });
  const { mdast, hast } = await processText(file, processor);
  return { file, mdast, hast };
}
const fixture = (name: string) => readFile(`test/fixtures/notes/${name}`, "utf8");

const elements = (root: HastRoot | Element, test: (node: Element) => boolean) => {
  const found: Element[] = [];
  visit(root, "element", (node) => {
    if (test(node)) found.push(node);
  });
  return found;
};
const hasClass = (node: Element, name: string) => ((node.properties.className as string[] | undefined) ?? []).includes(name);
const calls = (root: HastRoot) => elements(root, (node) => node.tagName === "a" && hasClass(node, "noteref"));
const notes = (root: HastRoot) => elements(root, (node) => node.tagName === "li" && hasClass(node, "note"));
const messages = (file: VFile, ruleId: string) => file.messages.filter((message) => message.ruleId === ruleId).map((message) => `${message.line}:${message.column}`);
const definitions = (tree: Root) => {
  const found: FootnoteDefinition[] = [];
  visit(tree, "footnoteDefinition", (node) => void found.push(node));
  return found;
};
const references = (tree: Root) => {
  const found: FootnoteReference[] = [];
  visit(tree, "footnoteReference", (node) => void found.push(node));
  return found;
};

/** Every call leads to a note and every note leads back to each of its calls: the notes linked both ways. */
function linkedBothWays(hast: HastRoot): number {
  const callIds = new Map(calls(hast).map((call) => [String(call.properties.id), String(call.properties.href).slice(1)]));
  let linked = 0;
  for (const note of notes(hast)) {
    const id = String(note.properties.id);
    const back = elements(note, (node) => node.properties.role === "doc-backlink").map((link) => String(link.properties.href).slice(1));
    const callers = [...callIds].filter(([, target]) => target === id).map(([callId]) => callId);
    if (callers.length && back.length === callers.length && back.every((callId) => callIds.get(callId) === id)) linked++;
  }
  return linked;
}

describe("note conventions on small fixtures", () => {
  it("a `[n] …` list closing the text, with calls glued to words and punctuation", async () => {
    const { file, hast } = await restore(await fixture("bracket-list.txt"));
    expect(calls(hast).map((call) => [call.properties.id, call.properties.href])).toEqual([
      ["fx-noteref-1", "#fx-note-1"],
      ["fx-noteref-2", "#fx-note-2"],
      ["fx-noteref-3", "#fx-note-3"],
    ]);
    expect(notes(hast).map((note) => toString(note))).toEqual([
      "1. Anna Writer, The First Book (London: A Press, 1931), 12.",
      "2. Ibid., 14.",
      "3. Ben Writer, “An Essay,” Some Review 4 (1950), 3.",
    ]);
    expect(linkedBothWays(hast)).toBe(3);
    expect(toString(hast)).toContain("about theory,1 and");
    expect(file.data.notes).toMatchObject({ linked: 3, convention: "brackets", withoutCall: [], callsWithoutNote: [] });
  });

  it("finds a list followed by site furniture, and keeps the furniture after the notes", async () => {
    const { mdast, hast } = await restore(await fixture("list-then-furniture.txt"));
    expect(mdast.children.map((node) => node.type)).toEqual(["paragraph", "noteSection", "paragraph", "paragraph", "paragraph"]);
    expect(linkedBothWays(hast)).toBe(2);
    expect(toString(hast)).toContain("All rights reserved.");
    // The same with a `n.` list and `(n)` calls.
    const dotted = await restore("A claim.(1) Another.(2)\n\n1. One.\n\n2. Two.\n\nPrinted from the site.\n");
    expect(dotted.mdast.children.map((node) => node.type)).toEqual(["paragraph", "noteSection", "paragraph"]);
    expect(linkedBothWays(dotted.hast)).toBe(2);
  });

  it("does not take a numbered list in the body, or a bracketed number nobody calls, for notes", async () => {
    const text = await fixture("not-notes.txt");
    const { file, mdast } = await restore(text);
    expect(definitions(mdast)).toEqual([]);
    expect(file.data.notes?.convention).toBe("none");
    // The list followed by a paragraph is no closing list (nothing calls it); without that paragraph it closes the text and is one, as before.
    expect(closingNotes(runPlugins([], text).tree)).toEqual({ start: 6, end: 6 });
    const closed = text.slice(0, text.indexOf("After the list"));
    expect(closingNotes(runPlugins([], closed).tree)).toMatchObject({ start: 3, end: 5, kind: "dot" });
  });

  it("superscript calls with a list of superscript-numbered notes", async () => {
    const { file, hast } = await restore(await fixture("superscript.txt"));
    expect(calls(hast).map((call) => toString(call))).toEqual(["1", "2"]);
    expect(linkedBothWays(hast)).toBe(2);
    expect(toString(hast)).toContain("in the spring1 and");
    expect(file.data.notes?.convention).toBe("superscript");
  });

  it("superscript calls with a `n.` list, and a squared unit that is no call", async () => {
    const { file, hast } = await restore("The field measured 40 m² in all, a small plot.¹\n\n1. A survey of 1920.\n\n2. A second note nobody calls.\n");
    expect(calls(hast).map((call) => toString(call))).toEqual(["1"]);
    expect(toString(hast)).toContain("40 m² in all");
    expect(messages(file, "notes-note-without-call")).toEqual(["5:1"]);
    expect(linkedBothWays(hast)).toBe(1);
  });

  it("Gutenberg `[Footnote n: …]` blocks after their paragraph, numbering restarting in the next chapter: ids by run", async () => {
    const { file, mdast, hast } = await restore(await fixture("footnote-blocks.txt"));
    expect(notes(hast).map((note) => [note.properties.id, toString(note)])).toEqual([
      ["fx-note-1-1", "1. The town is Hammersmith, where the author lived."],
      ["fx-note-1-2", "2. A flood in 1881."],
      ["fx-note-2-1", "1. In the second chapter the numbering starts again."],
    ]);
    expect(calls(hast).map((call) => [call.properties.id, call.properties.href])).toEqual([
      ["fx-noteref-1-1", "#fx-note-1-1"],
      ["fx-noteref-1-2", "#fx-note-1-2"],
      ["fx-noteref-2-1", "#fx-note-2-1"],
    ]);
    expect(linkedBothWays(hast)).toBe(3);
    expect(file.data.notes).toMatchObject({ runs: 2, linked: 3 });
    // No `[Footnote` is left in the text, and the notes' raw places are their own lines.
    expect(toString(hast)).not.toContain("Footnote");
    expect(definitions(mdast).map((note) => note.position?.start.line)).toEqual([5, 10, 16]);
  });

  it("a `[Footnote n: …]` of two paragraphs is one note of two paragraphs", async () => {
    const { mdast, hast } = await restore(await fixture("footnote-paragraphs.txt"));
    const [note] = definitions(mdast);
    expect(note?.children.map((paragraph) => toMdString(paragraph))).toEqual([
      "The hall stood by the river until the flood.",
      "It was pulled down soon after, and a school was built in its place.",
    ]);
    expect(note?.position).toMatchObject({ start: { line: 3 }, end: { line: 5 } });
    expect(linkedBothWays(hast)).toBe(1);
    expect(mdast.children.map((node) => node.type)).toEqual(["paragraph", "paragraph", "noteSection"]);
  });

  it("`[n] …` notes at each chapter's end, numbering restarting", async () => {
    const { file, hast } = await restore(await fixture("chapter-end.txt"));
    expect(notes(hast).map((note) => note.properties.id)).toEqual(["fx-note-1-1", "fx-note-1-2", "fx-note-2-1"]);
    expect(calls(hast).map((call) => call.properties.href)).toEqual(["#fx-note-1-1", "#fx-note-1-2", "#fx-note-2-1"]);
    expect(linkedBothWays(hast)).toBe(3);
    expect(file.messages.filter((message) => message.source === "notes" && message.fatal === false).map((message) => message.reason)).toEqual([]);
  });

  it("a starred series beside the numbered one, in brackets", async () => {
    const { hast } = await restore(await fixture("starred-brackets.txt"));
    expect(notes(hast).map((note) => note.properties.id)).toEqual(["fx-note-1s", "fx-note-1"]);
    expect(calls(hast).map((call) => call.properties.href)).toEqual(["#fx-note-1s", "#fx-note-1"]);
    expect(linkedBothWays(hast)).toBe(2);
  });

  it("reports a call without a note and a note without a call at their raw lines, and loses neither", async () => {
    const text = await fixture("orphans.txt");
    const { file, hast } = await restore(text);
    const lost = text.indexOf("[2]") + 1;
    expect(messages(file, "notes-call-without-note")).toEqual([`1:${lost}`]);
    expect(messages(file, "notes-note-without-call")).toEqual(["7:1"]);
    expect(toString(hast)).toContain("lost.[2]");
    expect(notes(hast).map((note) => toString(note))).toContain("3. A note whose call was lost in the scrape.");
    expect(linkedBothWays(hast)).toBe(2);
  });

  it("links a note called twice back to both calls", async () => {
    const { file, hast } = await restore("First [1] and again [1].\n\n[1] The one note.\n");
    expect(calls(hast).map((call) => call.properties.id)).toEqual(["fx-noteref-1", "fx-noteref-1-2"]);
    const back = elements(notes(hast)[0]!, (node) => node.properties.role === "doc-backlink").map((link) => link.properties.href);
    expect(back).toEqual(["#fx-noteref-1", "#fx-noteref-1-2"]);
    expect(messages(file, "notes-duplicate-call")).toEqual(["1:21"]);
  });

  it("keeps the dates inside a note out of the chronology", async () => {
    const inNote = await restore(await fixture("dated-notes.txt"));
    expect(inNote.file.data.chronology).toEqual([]);
    // The same sentence in the body is an event: the test can fail.
    const inBody = await restore("The party met in the capital.\n\nThe congress was held on 12 March 1921, and again on 3 April 1922.\n");
    expect(inBody.file.data.chronology?.map((event) => event.date.text)).toEqual(["on 12 March 1921", "on 3 April 1922"]);
  });

  it("leaves alone a tree that already holds its notes (a Markdown reader's footnotes)", () => {
    const held = runPlugins([], "A claim [1].\n\n[1] Not to be read again.\n").tree;
    const tree: Root = {
      type: "root",
      children: [
        held.children[0]!,
        { type: "noteSection", children: [{ type: "footnoteDefinition", identifier: "x-note-1", children: [] }] } as unknown as Root["children"][number],
        held.children[1]!,
      ],
    };
    const before = structuredClone(tree);
    const file = new VFile({ path: "held.md", value: "", data: { textId: "x" } });
    unified().use(restoreNotes).runSync(tree, file);
    expect(tree).toEqual(before);
    expect(references(tree)).toEqual([]);
    expect(file.data.notes).toMatchObject({ notes: { numbered: 1 }, linked: 0, convention: "footnotes" });
    expect(closingNotes(tree).start).toBe(1);
  });
});

interface NotesReading {
  notes: number;
  firstNoteLine: number;
  lastNoteLine: number;
  callLines: number[];
  yearsOnlyInNotes: number[];
}
const reading = (parse(await readFile("test/fixtures/readings/notes.yaml", "utf8")) as { schneider: NotesReading }).schneider;
const corpusReading = parse(await readFile("test/fixtures/readings/corpus.yaml", "utf8")) as { schneiderNotes: number };

describe("the Schneider text of the development corpus", async () => {
  const path = "test/fixtures/corpus/schneider-2011-trotskys-theory-of-art.txt";
  const { file, mdast, hast } = await restore(await readFile(path, "utf8"), "schneider", path);

  it(`links its ${reading.notes} notes both ways (read at lines ${reading.firstNoteLine}–${reading.lastNoteLine})`, () => {
    expect(reading.notes).toBe(corpusReading.schneiderNotes);
    expect(linkedBothWays(hast)).toBe(reading.notes);
    expect(notes(hast).map((note) => note.properties.id)).toEqual(Array.from({ length: reading.notes }, (_, index) => `schneider-note-${index + 1}`));
    const lines = definitions(mdast).map((note) => note.position?.start.line);
    expect(lines).toEqual(Array.from({ length: reading.notes }, (_, index) => reading.firstNoteLine + 2 * index));
    expect(lines.at(-1)).toBe(reading.lastNoteLine);
    expect(file.data.notes).toMatchObject({ linked: reading.notes, withoutCall: [], callsWithoutNote: [], convention: "brackets" });
    expect(messages(file, "notes-call-without-note")).toEqual([]);
  });

  it("places every call at its raw line", () => {
    expect(references(mdast).map((call) => [call.label, call.position?.start.line])).toEqual(reading.callLines.map((line, index) => [String(index + 1), line]));
  });

  it("keeps the years of its notes out of the chronology", () => {
    const years = (file.data.chronology ?? []).map((event) => event.date.text);
    expect(years.length).toBeGreaterThan(0);
    for (const year of reading.yearsOnlyInNotes) expect(years.filter((text) => text.includes(String(year)))).toEqual([]);
    expect((file.data.chronology ?? []).filter((event) => (event.position?.start.line ?? 0) >= reading.firstNoteLine)).toEqual([]);
  });
});
