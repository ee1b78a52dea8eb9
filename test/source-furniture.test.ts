// The rules for kinds of source (rules/*.yaml): loaded and checked like the
// other data files, applied only on the text's own evidence, each within its
// budget. Expected lines come from test/fixtures/readings/kinds-of-source.yaml
// (read from the fixtures by eye), not from the program's messages.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Root } from "mdast";
import { toString } from "mdast-util-to-string";
import { beforeAll, describe, expect, it } from "vitest";
import { VFile } from "vfile";
import { parse } from "yaml";
import { unified } from "unified";
import { rawTextParser } from "../src/ingest/raw-text-parser.js";
import { loadEdition } from "../src/manifest/load-edition.js";
import { loadSourceRules, type LoadedSourceRules, type SourceKindRules } from "../src/manifest/source-rules.js";
import { namesSchema } from "../src/manifest/names-schema.js";
import { patternProblem } from "../src/manifest/bounded-pattern.js";
import { processText, textProcessor } from "../src/pipeline.js";
import { restoreSourceFurniture } from "../src/restore/source-furniture.js";
import { sourcesFixture } from "./helpers.js";
import { fixtureTexts, validManifest } from "./fixtures/manifests.js";

interface Readings {
  morris: { startMarker: number; endMarker: number; bookProper: [number, number]; credit: [number, number] };
  wiki: { lines: Record<string, string>; cuts: [number, string][] };
  gutenberg: { lines: Record<string, string>; cuts: [number, string][]; credit: string; metadata: Record<string, string> };
}

const readings = parse(await readFile("test/fixtures/readings/kinds-of-source.yaml", "utf8")) as Readings;
const wikiRaw = await readFile("test/fixtures/kinds/wiki-dump-trotsky.txt", "utf8");
const gutenbergRaw = await readFile("test/fixtures/kinds/gutenberg-small.txt", "utf8");
const plainRaw = await readFile("test/fixtures/kinds/no-kind-evidence.txt", "utf8");
const morrisRaw = await readFile("test/fixtures/corpus/morris-1890-news-from-nowhere.txt", "utf8");

let project: LoadedSourceRules;
beforeAll(async () => {
  project = await loadSourceRules();
});

/** The raw text through the parser and the furniture stage only. */
function furniture(value: string, kinds: SourceKindRules[]) {
  const processor = unified().use(rawTextParser).use(restoreSourceFurniture, { kinds });
  const file = new VFile({ path: "fixture.txt", value });
  const tree = processor.runSync(processor.parse(file), file) as Root;
  const lines = tree.children.flatMap((node) => toString(node).split("\n"));
  return { tree, file, lines };
}

/** Every raw line (not blank) a removal's message spans, with its rule id (messages of the kind only). */
function linesByRule(file: VFile, kind: string): Map<number, string> {
  const raw = String(file.value).split("\n");
  const byLine = new Map<number, string>();
  for (const message of file.messages.filter((m) => m.source === kind && m.ruleId !== "source-kind" && m.fatal === undefined)) {
    const end = message.place && "end" in message.place ? message.place.end.line : message.line!;
    for (let line = message.line!; line <= end; line++) if (raw[line - 1]!.trim()) byLine.set(line, message.ruleId!);
  }
  return byLine;
}

describe("the project's rules for kinds of source", () => {
  it("loads one kind per file of rules/, each with evidence, and every pattern bounded", () => {
    expect(project.kinds.map((kind) => kind.kind)).toEqual(["project-gutenberg", "wiki-dump"]);
    for (const kind of project.kinds) {
      expect(kind.evidence.all.length + kind.evidence.any.length).toBeGreaterThan(0);
      const patterns = [
        ...kind.evidence.all,
        ...kind.evidence.any,
        ...kind.regions.flatMap((rule) => [rule.from, rule.to]),
        ...kind.lines.map((rule) => rule.pattern),
        ...kind.cuts.map((rule) => rule.pattern),
        ...kind.blocks.flatMap((rule) => [rule.first, rule.through]),
        ...kind.sections.flatMap((rule) => [rule.heading, rule.items]),
        ...kind.emptyHeadings.flatMap((rule) => [rule.heading, rule.nextHeading]),
      ].filter((pattern): pattern is RegExp => pattern !== undefined);
      for (const pattern of patterns) expect(patternProblem(pattern.source), pattern.source).toBeUndefined();
    }
  });

  it("refuses a rules file with a pattern that can backtrack exponentially, at its line", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "rules-"));
    await writeFile(path.join(dir, "bad.yaml"), "name: a bad kind\nevidence:\n  all: ['^START']\nlines:\n  - id: nested\n    what: x\n    pattern: '^(a+)+$'\n");
    await expect(loadSourceRules(dir)).rejects.toMatchObject({ line: 7, ruleId: "rules-schema", reason: expect.stringMatching(/repeats a group that holds a repetition/) });
  });

  it("refuses a kind without evidence, and a rule id used twice", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "rules-"));
    await writeFile(path.join(dir, "none.yaml"), "name: no evidence\nevidence: {}\n");
    await expect(loadSourceRules(dir)).rejects.toMatchObject({ ruleId: "rules-schema", reason: expect.stringMatching(/positive evidence/) });
    const twice = await mkdtemp(path.join(os.tmpdir(), "rules-"));
    await writeFile(twice.concat("/twice.yaml"), "name: k\nevidence: { all: ['^S'] }\nlines:\n  - { id: a, what: x, pattern: '^x' }\ncuts:\n  - { id: a, what: y, pattern: 'y' }\n");
    await expect(loadSourceRules(twice)).rejects.toMatchObject({ line: 6, ruleId: "rules-duplicate-id" });
  });
});

describe("a wiki text dump (test/fixtures/kinds/wiki-dump-trotsky.txt)", () => {
  it("removes exactly the lines of furniture the reading lists, each by its rule", () => {
    const { file } = furniture(wikiRaw, project.kinds);
    expect(file.data.sourceKinds).toEqual(["wiki-dump"]);
    const removed = linesByRule(file, "wiki-dump");
    const cutLines = new Set(readings.wiki.cuts.map(([line]) => line));
    const wholeLines = Object.fromEntries([...removed].filter(([line, rule]) => !(cutLines.has(line) && rule === "wiki-image-residue")));
    expect(wholeLines).toEqual(readings.wiki.lines);
  });

  it("cuts image residue out of the lines it is glued to and keeps the rest of them", () => {
    const { file, lines } = furniture(wikiRaw, project.kinds);
    const cuts = file.messages.filter((message) => message.ruleId === "wiki-image-residue");
    expect(cuts.map((message) => [message.line, message.reason.match(/`(.*)`/)![1]])).toEqual(readings.wiki.cuts);
    const raw = wikiRaw.split("\n");
    for (const [line, residue] of readings.wiki.cuts) expect(lines.map((kept) => kept.trim())).toContain(raw[line - 1]!.replace(residue, "").replace(/\s+/g, " ").trim());
    expect(lines.join("\n")).not.toMatch(/\.jpg|thumb\||\]\]|Category:|External links/);
  });

  it("keeps every other line as it stands", () => {
    const { lines } = furniture(wikiRaw, project.kinds);
    const fold = (line: string) => line.replace(/\s+/g, " ").trim();
    const expected = wikiRaw.split("\n").flatMap((line, index) => {
      if (String(index + 1) in readings.wiki.lines) return [];
      const cut = readings.wiki.cuts.find(([at]) => at === index + 1);
      const kept = fold(cut ? line.replace(cut[1], "") : line);
      return kept ? [kept] : [];
    });
    expect(lines.map(fold)).toEqual(expected);
  });

  it("never indexes a name inside an image file's name, with the wiki rules or without them", async () => {
    const raw =
      "Leon_Trotsky_1920.jpg|thumb|upright|Joseph Stalin in 1920]] stands in a line\nthat names File:Vladimir Lenin at Smolny.jpg too, and Karl Radek in words.\n\nCategory:1879 births\nCategory:1940 deaths\n";
    for (const kinds of [project.kinds, []]) {
      const file = new VFile({ path: "names.txt", value: raw });
      file.data.textId = "names";
      const names = namesSchema.parse({ persons: [{ heading: "Trotsky, Leon" }, { heading: "Lenin, Vladimir" }, { heading: "Radek, Karl" }] });
      await processText(file, textProcessor({ corrections: [], boilerplate: { sites: [] }, sourceKinds: kinds, names }));
      const surfaces = (file.data.nameMentions ?? []).map((mention) => mention.surface);
      expect(file.data.sourceKinds ?? []).toEqual(kinds.length ? ["wiki-dump"] : []);
      expect(surfaces).toContain("Karl Radek");
      expect(surfaces.filter((surface) => /Trotsky|Lenin/.test(surface))).toEqual([]);
    }
  });
});

describe("a Project Gutenberg file (test/fixtures/kinds/gutenberg-small.txt)", () => {
  it("removes the header, markers, licence, transcriber's note and illustration markers, each by its rule, and nothing else", () => {
    const { file, lines } = furniture(gutenbergRaw, project.kinds);
    expect(file.data.sourceKinds).toEqual(["project-gutenberg"]);
    const cutLines = new Set(readings.gutenberg.cuts.map(([line]) => line));
    const removed = Object.fromEntries([...linesByRule(file, "project-gutenberg")].filter(([line]) => !cutLines.has(line)));
    expect(removed).toEqual(readings.gutenberg.lines);
    const cuts = file.messages.filter((message) => message.ruleId === "gutenberg-illustration-inline");
    expect(cuts.map((message) => [message.line, message.reason.match(/`(.*)`/)![1]])).toEqual(readings.gutenberg.cuts);
    const fold = (line: string) => line.replace(/\s+/g, " ").trim();
    const expected = gutenbergRaw.split("\n").flatMap((line, index) => {
      if (String(index + 1) in readings.gutenberg.lines) return [];
      const cut = readings.gutenberg.cuts.find(([at]) => at === index + 1);
      const kept = fold(cut ? line.replace(cut[1], "") : line);
      return kept ? [kept] : [];
    });
    expect(lines.map(fold)).toEqual(expected);
  });

  it("moves the credit to the source note and reads the title block's values", () => {
    const { file } = furniture(gutenbergRaw, project.kinds);
    expect(file.data.sourceNote?.map((line) => line.text)).toEqual([readings.gutenberg.credit]);
    expect(file.data.sourceMetadata).toEqual(readings.gutenberg.metadata);
  });
});

describe("positive evidence", () => {
  it("keeps every line of a text that speaks of Project Gutenberg and shows no marker", () => {
    const { file, lines } = furniture(plainRaw, project.kinds);
    expect(file.data.sourceKinds).toBeUndefined();
    expect(file.messages).toEqual([]);
    expect(lines).toEqual(plainRaw.split("\n").map((line) => line.trim()).filter(Boolean));
    expect(lines.join(" ").match(/Project\s+Gutenberg/g)).toHaveLength(3);
  });

  it("keeps the Gutenberg furniture of a book when the edition switches the kind off", () => {
    const gutenberg = project.kinds.filter((kind) => kind.kind !== "project-gutenberg");
    const { lines } = furniture(morrisRaw, gutenberg);
    expect(lines[0]).toBe("The Project Gutenberg eBook, News from Nowhere, by William Morris");
  });
});

describe("budgets", () => {
  it("does not apply a region over its budget: an end marker misplaced at the book's start removes nothing", () => {
    const raw = morrisRaw.split("\r\n");
    const end = raw.splice(readings.morris.endMarker - 1, 1)[0]!;
    raw.splice(readings.morris.startMarker + 1, 0, end); // right after the start marker
    const { file, lines } = furniture(raw.join("\r\n"), project.kinds);
    const warnings = file.messages.filter((message) => message.ruleId === "gutenberg-licence");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.fatal).toBe(false);
    expect(warnings[0]!.reason).toMatch(/more than its budget .* not applied, nothing removed by it/);
    // The book and its licence are all there; the header (within its budget) is not.
    expect(lines).toContain("Up at the League, says a friend, there had been one night a brisk");
    expect(lines).toContain("subscribe to our email newsletter to hear about new eBooks.");
    expect(lines).not.toContain("Character set encoding: ISO-646-US (US-ASCII)");
  });

  it("does not apply a line rule whose matches are more than its share of the text", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "rules-"));
    await writeFile(path.join(dir, "numbers.yaml"), "name: numbered kind\nevidence: { all: ['^NUMBERED$'] }\nlines:\n  - { id: number-lines, what: a numbered line, pattern: '^\\d+ ', maxShare: 0.2 }\n");
    const { kinds } = await loadSourceRules(dir);
    const text = "NUMBERED\n\n1 wages of the carpenters\n2 wages of the masons\n3 wages of the smiths\n\nA closing line of prose that is kept.\n";
    const { file, lines } = furniture(text, kinds);
    expect(lines).toContain("1 wages of the carpenters");
    expect(file.messages.filter((message) => message.ruleId === "number-lines").map((message) => [message.line, message.fatal])).toEqual([[3, false]]);
  });
});

describe("the manifest's `rules.off`", () => {
  it("switches a kind off for the edition, and refuses a kind that does not exist at its line", async () => {
    const off = await sourcesFixture(`${validManifest}rules:\n  off: [wiki-dump]\n`, fixtureTexts);
    expect((await loadEdition(path.join(off, "edition.yaml"))).sourceKinds.map((kind) => kind.kind)).toEqual(["project-gutenberg"]);
    const all = await sourcesFixture(validManifest, fixtureTexts);
    expect((await loadEdition(path.join(all, "edition.yaml"))).sourceKinds.map((kind) => kind.kind)).toEqual(["project-gutenberg", "wiki-dump"]);
    const unknown = await sourcesFixture(`${validManifest}rules:\n  off: [wiki-dump, gutenburg]\n`, fixtureTexts);
    const lines = validManifest.split("\n").length;
    await expect(loadEdition(path.join(unknown, "edition.yaml"))).rejects.toMatchObject({ line: lines + 1, ruleId: "manifest-unknown-rules" });
  });
});
