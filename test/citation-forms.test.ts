// The citation forms of issue 16 on the two fixture texts of
// test/fixtures/citations/ (author–title brackets with op. cit. among
// editorial insertions; author-date), resolved against their works files,
// against what was read by eye (test/fixtures/readings/citations.yaml); and
// the works file's validation (errors at file:line).
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Link, Root } from "mdast";
import { toString } from "mdast-util-to-string";
import { visit } from "unist-util-visit";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { restoreCitations } from "../src/restore/citations.js";
import { loadWorksFile, workIdOfKey, type LoadedWorks } from "../src/manifest/works-file.js";
import { reportUnusedWorks } from "../src/book/works-cited.js";
import { findInTextCitations } from "../src/citations/in-text.js";
import { messagesOf, runPlugins } from "./restore-fixture.js";

const here = path.dirname(new URL(import.meta.url).pathname);
const fixtures = path.join(here, "fixtures", "citations");
const manifestPath = path.join(fixtures, "edition.yaml");
const reading = parse(readFileSync(path.join(here, "fixtures", "readings", "citations.yaml"), "utf8")) as Record<"brackets" | "authorDate", { citations: [number, string, string | null][]; editorialBracketsWithWords?: number; unusedWorks?: string[] }>;

const manifestFile = () => new VFile({ path: manifestPath });
const works = async (name: string) => (await loadWorksFile(manifestPath, name, manifestFile()))!;

function links(tree: Root): Link[] {
  const found: Link[] = [];
  visit(tree, "link", (link) => {
    found.push(link);
  });
  return found;
}

async function run(text: string, worksName: string) {
  const loaded = await works(worksName);
  const value = readFileSync(path.join(fixtures, text), "utf8");
  const result = runPlugins([[restoreCitations, { works: loaded.works.map((work) => work.item) }]], value);
  return { ...result, value, loaded };
}

/** Where a citation's words start in the fixture: `line:column`, 1-based, from the raw text. */
function positionOf(value: string, line: number, words: string): string {
  const column = value.split("\n")[line - 1]!.indexOf(words);
  expect(column, `"${words}" on line ${line}`).toBeGreaterThanOrEqual(0);
  return `${line}:${column + 1}`;
}

describe("author–title–page citations in brackets", async () => {
  const { tree, file, value, loaded } = await run("shop-stewards-brackets.txt", "brackets.works.bib");
  const expected = reading.brackets;

  it("recognises every citation read, in reading order, and resolves each to the work read (or to nothing)", () => {
    const records = file.data.citations!;
    expect(records.map((record) => record.form)).toEqual(expected.citations.map(() => "bracket"));
    expect(records.map((record) => `${record.line}:${record.column}`)).toEqual(expected.citations.map(([line, words]) => positionOf(value, line, words)));
    expect(records.map((record) => record.work ?? null)).toEqual(expected.citations.map(([, , key]) => (key ? workIdOfKey(key) : null)));
  });

  it("takes no editorial insertion, [sic] or [...] for a citation, and counts the ones with words", () => {
    expect(file.data.editorialBrackets).toBe(expected.editorialBracketsWithWords);
    const linked = links(tree).map((link) => toString(link));
    expect(linked).toEqual(expected.citations.filter(([, , key]) => key).map(([, words]) => words));
    for (const insertion of ["t", "of the federation", "sic", "...", "the year of the lock-out"]) expect(linked).not.toContain(insertion);
  });

  it("reports the citations that resolve to nothing at their line and column", () => {
    const unresolved = expected.citations.filter(([, , key]) => !key);
    expect(messagesOf(file, "citations-unresolved").map((message) => message.split(" ")[0])).toEqual(unresolved.map(([line, words]) => positionOf(value, line, words)));
  });

  it("keeps the quoted-by author as the citation's prefix and gives each link an id the works cited can link back to", () => {
    const quoted = file.data.citations!.find((record) => record.prefix);
    expect(quoted?.prefix).toBe("Pollitt, quoted by");
    const ids = links(tree).map((link) => (link.data as { hProperties: { id: string } }).hProperties.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id.startsWith("fixture-cite-"))).toBe(true);
  });

  it("reports the works file's entries no citation uses, at their line", () => {
    reportUnusedWorks(loaded, [file]);
    const unused = loaded.file.messages.filter((message) => message.ruleId === "works-unused");
    expect(unused.map((message) => message.reason)).toEqual(expected.unusedWorks!.map((key) => `entry \`${key}\` is cited by no text`));
    const bib = readFileSync(path.join(fixtures, "brackets.works.bib"), "utf8").split("\n");
    expect(unused[0]!.line).toBe(bib.findIndex((line) => line.includes("@book{pelling-cp")) + 1);
  });
});

describe("author-date citations in parentheses", async () => {
  const { tree, file, value } = await run("permanent-revolution-author-date.txt", "author-date.works.yaml");
  const expected = reading.authorDate;

  it("recognises each author-date citation (two in one parenthesis), not a season and a year", () => {
    const records = file.data.citations!;
    expect(records.map((record) => record.form)).toEqual(expected.citations.map(() => "author-date"));
    expect(records.map((record) => `${record.line}:${record.column}`)).toEqual(expected.citations.map(([line, words]) => positionOf(value, line, words)));
    expect(records.map((record) => record.work ?? null)).toEqual(expected.citations.map(([, , key]) => (key ? workIdOfKey(key) : null)));
    expect(records.map((record) => record.locator ?? null)).toEqual(["64–7", "41", "152", "12", "50", null, "88"]);
  });

  it("links the resolved ones and reports the one resolving to nothing", () => {
    expect(links(tree).map((link) => toString(link))).toEqual(expected.citations.filter(([, , key]) => key).map(([, words]) => words));
    expect(messagesOf(file, "citations-unresolved")).toEqual([`${positionOf(value, 7, "Smith 1950: 88")} Smith 1950: 88: Smith 1950: no work of this author and year in the edition's works or cited in full in this text; not linked`]);
  });
});

describe("bracket readings", () => {
  it("reads the issue's three bracket forms and leaves editorial brackets", () => {
    const { citations, editorialBrackets } = findInTextCitations("[Smith, Op. Cit., p. 83] [Collected Works, vol. 12, p. 45] [Jones, quoted by Brown, Op. Cit., p. 14] [the committee] “[t]he party” [sic] [...]");
    expect(citations.map(({ parsed }) => [parsed.kind, parsed.author?.family, parsed.title, parsed.volume, parsed.locator])).toEqual([
      ["op-cit", "Smith", undefined, undefined, "83"],
      ["short", undefined, "Collected Works", "12", "45"],
      ["op-cit", "Brown", undefined, undefined, "14"],
    ]);
    expect(editorialBrackets).toBe(3);
  });
});

describe("the works file", () => {
  it("reads BibTeX into CSL items with the entry's line", async () => {
    const loaded: LoadedWorks = await works("brackets.works.bib");
    expect(loaded.works.map((work) => [work.key, work.place.line, work.item.id])).toEqual([
      ["murphy-preparing", 3, "work-murphy-preparing"],
      ["gallacher-revolt", 11, "work-gallacher-revolt"],
      ["lenin-cw", 19, "work-lenin-cw"],
      ["hinton-stewards", 27, "work-hinton-stewards"],
      ["pelling-cp", 35, "work-pelling-cp"],
    ]);
    expect(loaded.works[0]!.item).toMatchObject({ author: [{ family: "Murphy", given: "J. T." }], title: "Preparing for Power", publisher: "Jonathan Cape", "publisher-place": "London" });
  });

  it("reads CSL-YAML with each entry's line", async () => {
    const loaded = await works("author-date.works.yaml");
    // The lines of the `- id:` items (grep -n "id:" on the file).
    expect(loaded.works.map((work) => [work.key, work.place.line])).toEqual([
      ["zeman-scharlau-1965", 5],
      ["day-gaido-2009", 12],
      ["knei-paz-1978", 19],
      ["lowy-1981", 26],
      ["thatcher-2003", 33],
    ]);
    expect(loaded.works[1]!.item.editor?.map((name) => name.family)).toEqual(["Day", "Gaido"]);
  });

  const failure = async (name: string) => {
    try {
      await works(name);
    } catch (error) {
      const message = error as { line?: number; column?: number; reason: string; ruleId: string; file: string };
      return `${path.basename(message.file)}:${message.line}:${message.column} ${message.ruleId} ${message.reason}`;
    }
    return "no error";
  };

  it("stops at the line of a BibTeX syntax error, a duplicate id, an entry with no title, and a JSON syntax error", async () => {
    expect(await failure("bad/broken.bib")).toMatch(/^broken\.bib:9:1 works-syntax BibTeX: /);
    expect(await failure("bad/duplicate.bib")).toBe("duplicate.bib:5:1 works-duplicate-id duplicate id `one` (first at line 1)");
    expect(await failure("bad/no-title.bib")).toBe("no-title.bib:1:1 works-schema entry `notitle` has no title");
    expect(await failure("bad/broken.json")).toMatch(/^broken\.json:4:3 works-syntax JSON: /);
  });

  it("is fatal when the manifest names a file that does not exist, and none when it names none and none is beside it", async () => {
    expect(await failure("missing.bib")).toMatch(/manifest-missing-file works file `missing.bib` does not exist/);
    expect(await loadWorksFile(manifestPath, undefined, manifestFile())).toBeUndefined();
  });
});
