// Honest raw positions: every message after an edit (a correction, a
// typographic change, a hard-wrapped line) names the raw line and column.
// The expected columns were counted by hand on the fixtures below (see the
// comments), not read from the program.
import type { Root } from "mdast";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { compileAuthority } from "../src/enrich/names/authority.js";
import type { LoadedCorrection } from "../src/manifest/load-edition.js";
import { applyEdits, toRaw } from "../src/ingest/offset-map.js";
import { rawTextParser } from "../src/ingest/raw-text-parser.js";
import { processText, textProcessor } from "../src/pipeline.js";
import { correctionEdits } from "../src/restore/corrections.js";

const correction = (wrong: string, right: string): LoadedCorrection => ({ text: "fixture", wrong, right, reason: "test", count: 1, place: { line: 1, column: 1 } });
const names = { persons: [{ heading: "Smirnof, Ivan", variants: [], surnameAlone: true, seeAlso: [] }], references: [], notPersons: [] };

async function run(value: string, corrections: LoadedCorrection[] = []) {
  const file = new VFile({ path: "fixture.txt", value });
  file.data.textId = "fixture";
  const { mdast } = await processText(file, textProcessor({ corrections, boilerplate: { sites: [] }, names }));
  return { file, mdast };
}

const at = (file: VFile, ruleId: string) => file.messages.filter((message) => message.ruleId === ruleId).map((message) => `${message.line}:${message.column}`);

describe("offset map", () => {
  it("maps offsets after, before and inside edits back to the raw text", () => {
    const { value, map } = applyEdits("Teh cat, Ratnon del Rio.", [
      { start: 0, end: 3, text: "The old" },
      { start: 9, end: 23, text: "Ramon del Rio" },
    ]);
    expect(value).toBe("The old cat, Ramon del Rio.");
    expect(toRaw(map, value.indexOf("cat"))).toBe(4);
    expect(toRaw(map, value.indexOf("Ramon"))).toBe(9);
    // `del` is in the unchanged end of the correction: raw offset 16 (`Ratnon ` is 7 characters from 9).
    expect(toRaw(map, value.indexOf("del"))).toBe(16);
    expect(toRaw(map, value.indexOf("."))).toBe(23);
  });
});

// A date whose year comes from an earlier sentence is held for the editor (the build reports it at this place).
const heldAt = (file: VFile) => (file.data.chronology ?? []).filter((event) => event.held).map((event) => `${event.position!.start.line}:${event.position!.start.column}`);

describe("raw columns after edits on one line", () => {
  // Line 3, counted by hand: `Teh ` 1–4, `congres ` 5–12, `-- ` 13–15, `after ` 16–21,
  // `long ` 22–26, `debate ` 27–33, `-- ` 34–36, `heard ` 37–42, `Ivan ` 43–47,
  // `Smirnof ` 48–55, `speak ` 56–61, `[3] ` 62–65, `on` 66.
  const fixture = "In 1921 the party met.\n\nTeh congres -- after long debate -- heard Ivan Smirnof speak [3] on 6th March.\n";
  const corrections = [correction("Teh", "The old"), correction("congres", "congress")];

  it("places two corrections, a name, a note call and a date at their raw columns despite the edits before them", async () => {
    const { file, mdast } = await run(fixture, corrections);
    expect(at(file, "correction")).toEqual(["3:1", "3:5"]);
    expect(file.data.nameMentions?.map((mention) => mention.place)).toEqual([{ line: 3, column: 43 }]);
    expect(at(file, "notes-call-without-note")).toEqual(["3:62"]);
    expect(heldAt(file)).toEqual(["3:66"]);
    // The edits were made: two corrections, the dashes, a no-break space before the call.
    const texts: string[] = [];
    visit(mdast, "text", (node) => {
      texts.push(node.value);
    });
    expect(texts.join("")).toContain("The old congress – after long debate – heard Ivan Smirnof speak\u00A0[3] on 6th March.");
  });

  it("gives the same places with CRLF line ends", async () => {
    const { file } = await run(fixture.replace(/\n/g, "\r\n"), corrections);
    expect(at(file, "correction")).toEqual(["3:1", "3:5"]);
    expect(file.data.nameMentions?.map((mention) => mention.place)).toEqual([{ line: 3, column: 43 }]);
    expect(at(file, "notes-call-without-note")).toEqual(["3:62"]);
    expect(heldAt(file)).toEqual(["3:66"]);
  });
});

describe("raw lines and columns inside a hard-wrapped paragraph", () => {
  // Line 2, counted by hand: `the spring. ` 1–12, `Ivan ` 13–17, `Smirnof ` 18–25,
  // `spoke ` 26–31, `first; ` 32–38, `on` 39.
  const fixture = "In 1921 the sailors of Kronstadt rose against the party, which met in\nthe spring. Ivan Smirnof spoke first; on 6th March the debate closed.\n";

  it("places a name and a date on the second line at their own line and column", async () => {
    const { file, mdast } = await run(fixture);
    expect(mdast.children.filter((node) => node.type === "paragraph")).toHaveLength(1);
    expect(file.data.nameMentions?.map((mention) => mention.place)).toEqual([{ line: 2, column: 13 }]);
    expect(heldAt(file)).toEqual(["2:39"]);
  });
});

describe("corrections are counted and applied on the same string", () => {
  it("does not chain: a correction's result is not read by another", async () => {
    // Raw: `Koba` once, `Stalin` twice. Before, `Stalin` was counted 2 times and made 3 times.
    const { file, mdast } = await run("Koba met Stalin. Stalin left.\n", [correction("Koba", "Stalin"), { ...correction("Stalin", "STALIN-B"), count: 2 }]);
    const text: string[] = [];
    visit(mdast, "text", (node) => {
      text.push(node.value);
    });
    expect(text.join("")).toBe("Stalin met STALIN-B. STALIN-B left.");
    expect(file.data.corrections?.map((applied) => applied.count)).toEqual([1, 2]);
    expect(at(file, "correction")).toEqual(["1:1", "1:10", "1:18"]);
  });

  it("makes the first-listed of two overlapping corrections and warns at the other's place", async () => {
    const { file } = await run("Leon Trotsky spoke.\n", [correction("Leon Trotsky", "Lev Trotsky"), correction("Trotsky", "Trotskii")]);
    expect(file.data.corrections?.map((applied) => applied.count)).toEqual([1, 0]);
    expect(at(file, "correction-overlap")).toEqual(["1:6"]);
  });

  it("runs in a bare unified processor: parser with the corrections as edits", () => {
    const file = new VFile({ path: "fixture.txt", value: "A line with a slip.\n\nTeh second line.\n" });
    file.data.textId = "fixture";
    const tree = unified().use(rawTextParser, { edits: correctionEdits([correction("Teh", "The")]) }).parse(file) as Root;
    const second = tree.children[1]!;
    expect(second.position?.start).toMatchObject({ line: 3, column: 1 });
    expect(at(file, "correction")).toEqual(["3:1"]);
  });
});

describe("note calls without notes", () => {
  it("reports 10,000 calls in a text with no note list: one warning with the count and the first places", async () => {
    const lines = Array.from({ length: 10_000 }, (_, index) => `Line ${index + 1} ends with a call [${index + 1}]`);
    const { file } = await run(`${lines.join("\n\n")}\n`);
    const warnings = file.messages.filter((message) => message.ruleId === "notes-call-without-note");
    expect(warnings).toHaveLength(1);
    // `Line 1 ends with a call ` is 24 characters: the call stands at 1:25; line 2 of the list is raw line 3.
    expect(warnings[0]!.reason).toMatch(/^10000 note calls but the text has no note list: \[1\] at 1:25, \[2\] at 3:25, /);
    expect(warnings[0]!.reason).toContain("and 9995 more");
    expect(file.data.notes?.callsWithoutNote).toHaveLength(10_000);
  });
});
