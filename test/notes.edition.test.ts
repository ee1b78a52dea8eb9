// Notes: calls linked to notes and back, on small fixtures and on the five
// texts. Expected counts and lines come from reading the raw files
// (`grep -n '\[[0-9]*\*\?\]'`, `sed -n 142,144p` for Marot's notes).
import type { Element, Root } from "hast";
import { toString } from "hast-util-to-string";
import { selectAll } from "hast-util-select";
import { visit } from "unist-util-visit";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { processText } from "../src/pipeline.js";
import { editionTree } from "./edition-tree.js";
import { footnotesForPrint } from "../src/render/print-notes.js";
import { restoredDiff } from "../src/report/restored-diff.js";
import { renderPrintHtml } from "../src/render/print-html.js";

const edition = await editionTree();
const file = (id: string) => edition.texts.find((text) => text.data.textId === id)!;
const division = (id: string) => edition.book.children.find((node) => node.type === "element" && node.properties.id === `text-${id}`) as Element;
const hasClass = (node: Element, name: string) => ((node.properties.className as string[] | undefined) ?? []).includes(name);
const all = (root: Element | Root, test: (node: Element) => boolean) => {
  const found: Element[] = [];
  visit(root, "element", (node) => {
    if (test(node)) found.push(node);
  });
  return found;
};
const calls = (root: Element | Root) => all(root, (node) => node.tagName === "a" && hasClass(node, "noteref"));
const notes = (root: Element | Root) => all(root, (node) => node.tagName === "li" && hasClass(node, "note"));
const messages = (vfile: VFile, ruleId: string) => vfile.messages.filter((message) => message.ruleId === ruleId).map((message) => `${message.line}:${message.column} ${message.reason}`);

async function restore(text: string, textId = "fixture") {
  const vfile = new VFile({ path: "fixture.txt", value: text, data: { textId } });
  const { hast } = await processText(vfile);
  return { vfile, hast };
}

describe("notes on fixtures", () => {
  it("links bracket calls and starred notes both ways, with ids prefixed by the text id", async () => {
    const { vfile, hast } = await restore("A claim. [1] An aside. [1*] Another claim. [2]\n\n1*. The author's aside.\n\n1. A source.\n\n2. Another source [3].\n\n3. A note called from a note.\n", "fx");
    expect(calls(hast).map((call) => [call.properties.id, call.properties.href, toString(call)])).toEqual([
      ["fx-noteref-1", "#fx-note-1", "1"],
      ["fx-noteref-1s", "#fx-note-1s", "1*"],
      ["fx-noteref-2", "#fx-note-2", "2"],
      ["fx-noteref-3", "#fx-note-3", "3"],
    ]);
    expect(notes(hast).map((note) => [note.properties.id, toString(note)])).toEqual([
      ["fx-note-1s", "1*. The author’s aside."],
      ["fx-note-1", "1. A source."],
      ["fx-note-2", "2. Another source3."],
      ["fx-note-3", "3. A note called from a note."],
    ]);
    const backlinks = all(hast, (node) => node.properties.role === "doc-backlink").map((node) => node.properties.href);
    expect(backlinks).toEqual(["#fx-noteref-1s", "#fx-noteref-1", "#fx-noteref-2", "#fx-noteref-3"]);
    expect(vfile.data.notes).toMatchObject({ linked: 4, nested: 1, withoutCall: [], convention: "brackets" });
  });

  it("takes a number glued to punctuation for a call and a spaced one for something else", async () => {
    const { hast, vfile } = await restore("He said so.(1) See the book (15).\n\n  1. The note.\n");
    expect(calls(hast).map((call) => toString(call))).toEqual(["1"]);
    expect(toString(hast)).toContain("See the book (15).");
    expect(vfile.data.notes?.convention).toBe("parentheses");
  });

  it("warns with line and column about a call without note, a note without call, a repeated number and a gap; drops nothing", async () => {
    const text = "First [1] and lost [7].\nAgain [1].\n\n1. One.\n\n1. One again.\n\n3. Three.\n";
    const { vfile, hast } = await restore(text);
    expect(messages(vfile, "notes-call-without-note")).toEqual(["1:20 note call [7] has no note in the list; left as it stands"]);
    expect(messages(vfile, "notes-duplicate-call")).toEqual(["2:7 note 1 is called a second time here"]);
    expect(messages(vfile, "notes-duplicate-note")).toEqual(["6:1 note 1 is listed twice; both are kept, calls go to the first"]);
    expect(messages(vfile, "notes-gap")).toEqual(["8:1 note 3 follows note 1: a gap in the numbering"]);
    expect(messages(vfile, "notes-note-without-call").map((line) => line.split(" ")[0])).toEqual(["6:1", "8:1"]);
    expect(toString(hast)).toMatch(/lost\s\[7\]/);
    expect(notes(hast)).toHaveLength(3);
  });
});

describe("notes in the five texts", () => {
  it("links Sherry's 14 calls to her 14 notes", () => {
    expect(file("sherry").data.notes).toMatchObject({ notes: { numbered: 14, starred: 0 }, linked: 14, nested: 0, withoutCall: [], callsWithoutNote: [] });
    expect(calls(division("sherry"))).toHaveLength(14);
    expect(notes(division("sherry")).map((note) => note.properties.id)).toEqual(Array.from({ length: 14 }, (_, i) => `sherry-note-${i + 1}`));
  });

  it("links Cliff's 42 numbered notes (3 called from author's note 2*) and his 2 starred notes", () => {
    expect(file("cliff").data.notes).toMatchObject({ notes: { numbered: 42, starred: 2 }, linked: 44, nested: 3, withoutCall: [], callsWithoutNote: [] });
    const starred = notes(division("cliff")).find((note) => note.properties.id === "cliff-note-2s")!;
    expect(calls(starred).map((call) => toString(call))).toEqual(["27", "28", "29"]);
    // [20] [1*] stand side by side at line 95: both are calls.
    const body = calls(division("cliff")).map((call) => toString(call));
    expect(body.indexOf("1*")).toBe(body.indexOf("20") + 1);
    const starredCall = calls(division("cliff")).find((call) => call.properties.id === "cliff-noteref-1s")!;
    expect(starredCall.properties.className).toEqual(["noteref", "noteref-follows"]);
    // No space between them (the style sheets' comma separates them: `20,1*`, never `20 ,1*`).
    const paragraph = selectAll("p", division("cliff")).find((node) => node.children.includes(starredCall))!;
    const before = paragraph.children[paragraph.children.indexOf(starredCall) - 1]!;
    expect(before.type === "element" && before.properties.id).toBe("cliff-noteref-20");
  });

  it("links Marot's calls (2) and (3) and keeps note 1, whose call was lost, with a warning at its line", () => {
    expect(file("marot").data.notes).toMatchObject({ notes: { numbered: 3, starred: 0 }, linked: 2, withoutCall: ["1"], convention: "parentheses" });
    expect(calls(division("marot")).map((call) => [call.properties.id, toString(call)])).toEqual([
      ["marot-noteref-2", "2"],
      ["marot-noteref-3", "3"],
    ]);
    expect(messages(file("marot"), "notes-note-without-call")).toEqual(["142:3 note 1 has no call in the text (lost in the scrape?); kept at the end of the text"]);
    const first = notes(division("marot"))[0]!;
    expect(all(first, (node) => node.properties.role === "doc-backlink")).toEqual([]);
    expect(toString(first)).toMatch(/^1\. Cliff provides empirical evidence/);
  });

  it("finds no notes in the web book and in Simkin's biography (his Primary Sources are excerpts)", () => {
    for (const id of ["introduction", "simkin"]) {
      expect(file(id).data.notes).toMatchObject({ linked: 0, convention: "none" });
      expect(calls(division(id))).toEqual([]);
    }
  });

  it("gives every note and call an id unique in the whole book, and every link a target", () => {
    const ids = all(edition.book, (node) => typeof node.properties.id === "string").map((node) => node.properties.id);
    expect(new Set(ids).size).toBe(ids.length);
    const idSet = new Set(ids);
    const targets = all(edition.book, (node) => hasClass(node, "noteref") || node.properties.role === "doc-backlink").map((node) => String(node.properties.href).slice(1));
    expect(targets.length).toBe(44 + 44 + 14 + 14 + 2 + 2);
    expect(targets.filter((target) => !idSet.has(target))).toEqual([]);
  });
});

describe("notes in the editors' diff", () => {
  it("writes calls and notes as Markdown footnotes", () => {
    const diff = restoredDiff("sherry.txt", "", edition.restored.get("sherry")!);
    expect(diff).toContain("Russia[^2] – his analysis");
    expect(diff).toMatch(/\+\[\^14\]: T\.\u00A0Cliff, \[Ibid\.\]\(#work-cliff-trotsky-volume-iv-1927-40 /);
  });
});

describe("notes in print", () => {
  it("moves every called note right before its call, nested ones after their parent, and keeps only Marot's note 1 in a notes section", () => {
    const tree = structuredClone(edition.book);
    footnotesForPrint(tree);
    const floats = all(tree, (node) => hasClass(node, "footnote"));
    expect(floats).toHaveLength(14 + 2 + 44);
    const cliff = floats.filter((node) => String(node.properties.dataNoteId).startsWith("cliff-")).map((node) => node.properties.dataNoteId);
    const at = cliff.indexOf("cliff-note-2s");
    expect(cliff.slice(at, at + 4)).toEqual(["cliff-note-2s", "cliff-note-27", "cliff-note-28", "cliff-note-29"]);
    const note4 = floats.find((node) => node.properties.dataNoteId === "sherry-note-4")!;
    expect(toString(note4)).toBe("4. Ibid. [Trotsky, The Revolution Betrayed], pp.\u00A051–52.");
    const sections = all(tree, (node) => hasClass(node, "notes"));
    expect(sections.map((section) => notes(section).map((note) => note.properties.id))).toEqual([["marot-note-1"]]);
    // A float stands inside its paragraph right before its call (past the notes its note calls, which follow it).
    for (const float of floats.filter((node) => !/-note-2[789]$/.test(String(node.properties.dataNoteId)))) {
      let next: Element | undefined;
      visit(tree, "element", (node) => {
        let index = node.children.indexOf(float);
        if (index === -1) return;
        while (node.children[index]?.type === "element" && hasClass(node.children[index] as Element, "footnote")) index++;
        next = node.children[index] as Element;
      });
      expect(next && hasClass(next, "noteref") && String(next.properties.href)).toBe(`#${String(float.properties.dataNoteId)}`);
    }
  });

  it("keeps the notes as endnotes per text when the manifest says `printNotes: endnotes`", async () => {
    const footnotes = await renderPrintHtml(edition.manifest, edition.book);
    // Without the soft hyphens print puts in running text (“Rev\u00ADo\u00ADlu\u00ADtion”).
    const endnotes = (await renderPrintHtml({ ...edition.manifest, printNotes: "endnotes" }, edition.book)).replaceAll("\u00AD", "");
    // Booleans and counts, not the HTML itself: a failure would print the embedded fonts.
    expect(footnotes.match(/<span class="footnote"/g)).toHaveLength(60);
    expect(endnotes.includes('<span class="footnote"')).toBe(false);
    expect(endnotes.match(/<li id="[a-z]+-note-[0-9]+s?" class="note"/g)).toHaveLength(14 + 3 + 44);
    expect(/>Ibid\.<\/a><span class="resolved-work"> \[Trotsky, <cite class="work-title">The Revolution Betrayed<\/cite>\]<\/span>/.test(endnotes)).toBe(true);
  });
});
