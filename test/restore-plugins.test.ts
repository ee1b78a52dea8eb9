// Restore plugins touched by the honest-positions work, each through a bare
// unified processor (the raw-text parser and the one plugin), on small
// fixtures whose columns were counted by hand.
import type { FootnoteReference, Root, Text } from "mdast";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { pointIn } from "../src/ingest/raw-position.js";
import { rawTextParser } from "../src/ingest/raw-text-parser.js";
import { restoreNotes } from "../src/restore/notes.js";
import { restoreTypography } from "../src/restore/typography.js";

function run(plugin: typeof restoreNotes | typeof restoreTypography, value: string) {
  const processor = unified().use(rawTextParser).use(plugin);
  const file = new VFile({ path: "fixture.txt", value });
  file.data.textId = "fixture";
  const tree = processor.runSync(processor.parse(file), file) as Root;
  return { tree, file };
}

describe("typography keeps raw places", () => {
  it("places a word after two dashes and an ellipsis at its raw column", () => {
    // Counted: I1 t2 '3 s4 _5 -6 -7 _8 h9 e10 _11 s12 a13 i14 d15 _16 .17 _18 .19 _20 .21 _22 -23 -24 _25 o26.
    const { tree, file } = run(restoreTypography, "It's -- he said . . . -- over.\n");
    const text = (tree.children[0] as { children: Text[] }).children[0]!;
    expect(text.value).toBe("It’s – he said … – over.");
    expect(pointIn(file, text, text.value.indexOf("over"))).toMatchObject({ line: 1, column: 26 });
    expect(pointIn(file, text, text.value.indexOf("said"))).toMatchObject({ line: 1, column: 12 });
  });
});

describe("notes through a bare processor", () => {
  // Line 1: `A claim.[1] Another [3] and [2].`: `[3]` at column 21 (`A claim.[1] Another ` is 20 characters).
  const fixture = "A claim.[1] Another [3] and [2].\n\n1. First note.\n\n2. Second note.\n";

  it("links calls to notes and warns at a call without a note's raw column", () => {
    const { tree, file } = run(restoreNotes, fixture);
    const calls: FootnoteReference[] = [];
    visit(tree, "footnoteReference", (node) => {
      calls.push(node);
    });
    expect(calls.map((call) => call.label)).toEqual(["1", "2"]);
    // The second call, ` [2]`, starts with its space at column 28.
    expect(calls[1]!.position?.start).toMatchObject({ line: 1, column: 28 });
    expect(file.messages.filter((m) => m.ruleId === "notes-call-without-note").map((m) => `${m.line}:${m.column}`)).toEqual(["1:21"]);
    expect(file.data.notes?.linked).toBe(2);
  });
});
