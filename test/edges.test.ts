// Hard edges of the edition's input (issue 24): files outside the edition's
// folder, CSL styles that are no style, editors' patterns that could hang
// the build, built-in patterns on long runs, deep nesting in the note, data
// files that are missing, a variant under two persons, YAML alias bombs.
// Fixtures are small temporary editions; line numbers are counted by hand in
// test/fixtures/manifests.ts. Speed is measured in bench/, not here: these
// tests only check the results.
import { copyFile, mkdir, mkdtemp, realpath, symlink, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { toString } from "hast-util-to-string";
import { selectAll } from "hast-util-select";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { capNesting, maxNesting } from "../src/manifest/markdown-nesting.js";
import { loadCslStyle, systemStylesDir } from "../src/manifest/csl-style.js";
import { patternProblem } from "../src/manifest/bounded-pattern.js";
import { loadEdition } from "../src/manifest/load-edition.js";
import { displayPath } from "../src/manifest/yaml-data-file.js";
import { buildEdition, processText } from "../src/pipeline.js";
import { isLinkLine } from "../src/restore/boilerplate.js";
import { normaliseDashes, normaliseSpaces } from "../src/restore/typography-rules.js";
import { fixtureTexts, validManifest } from "./fixtures/manifests.js";
import { failure, sourcesFixture } from "./helpers.js";

/** The fixture manifest with `bibliographyStyle` on line 11 (its value at column 20), before `note`. */
const withStyle = (style: string) => validManifest.replace("note: |", `bibliographyStyle: ${style}\nnote: |`);


const outsideFolder = () => mkdtemp(path.join(os.tmpdir(), "edition-outside-"));

describe("confinement: every file the manifest names stays inside the edition's folder", () => {
  it("refuses a text that is a symbolic link to a file outside, at the text's line", async () => {
    const outside = await outsideFolder();
    await writeFile(path.join(outside, "secret.txt"), "TOPSECRET outside the edition\n");
    const sources = await sourcesFixture(validManifest, { "texts/second.txt": fixtureTexts["texts/second.txt"] });
    await symlink(path.join(outside, "secret.txt"), path.join(sources, "texts", "first.txt"));
    const error = await failure(loadEdition(path.join(sources, "edition.yaml")));
    expect(error.reason).toBe(
      `text path \`texts/first.txt\` leads through a symbolic link out of the edition's folder (\`${displayPath(sources)}\`), to \`${await realpath(path.join(outside, "secret.txt"))}\`; only files inside the folder of the manifest \`${displayPath(path.join(sources, "edition.yaml"))}\` are read`,
    );
    expect(error.ruleId).toBe("manifest-path-outside");
    expect([error.line, error.column]).toEqual([15, 11]);
  });

  it("refuses a texts folder that is a symbolic link to a folder outside", async () => {
    const outside = await outsideFolder();
    for (const [name, content] of Object.entries(fixtureTexts)) await writeFile(path.join(outside, path.basename(name)), content);
    const sources = await sourcesFixture(validManifest);
    await symlink(outside, path.join(sources, "texts"));
    const error = await failure(loadEdition(path.join(sources, "edition.yaml")));
    expect(error.ruleId).toBe("manifest-path-outside");
    expect(error.line).toBe(15);
  });

  it("reads a symbolic link that stays inside the folder", async () => {
    const sources = await sourcesFixture(validManifest, { "texts/second.txt": fixtureTexts["texts/second.txt"], "originals/first.txt": fixtureTexts["texts/first.txt"] });
    await symlink(path.join("..", "originals", "first.txt"), path.join(sources, "texts", "first.txt"));
    const edition = await loadEdition(path.join(sources, "edition.yaml"));
    expect(String(edition.texts[0]!.value)).toBe(fixtureTexts["texts/first.txt"]);
  });

  it("refuses a data file that is a symbolic link to a file outside, at its manifest line", async () => {
    const outside = await outsideFolder();
    await writeFile(path.join(outside, "corrections.yaml"), "[]\n");
    const sources = await sourcesFixture(validManifest.replace("note: |", "corrections: corrections.yaml\nnote: |"), fixtureTexts);
    await symlink(path.join(outside, "corrections.yaml"), path.join(sources, "corrections.yaml"));
    const error = await failure(loadEdition(path.join(sources, "edition.yaml")));
    expect(error.reason).toMatch(/^corrections path `corrections\.yaml` leads through a symbolic link out of the edition's folder \(`[^`]+`\), to `[^`]+corrections\.yaml`; only files inside/);
    expect([error.line, error.column]).toEqual([11, 14]);
  });

  it.each([
    ["a `../` path", (sources: string, outside: string) => path.relative(sources, path.join(outside, "style.csl"))],
    ["an absolute path", (_: string, outside: string) => path.join(outside, "style.csl")],
  ])("refuses a CSL style by %s outside the folder, at the bibliographyStyle line", async (_, stylePath) => {
    const outside = await outsideFolder();
    await writeFile(path.join(outside, "style.csl"), "TOPSECRET-1234 not a style\n");
    const sources = await sourcesFixture(validManifest, fixtureTexts);
    const style = stylePath(sources, outside);
    expect(style).toMatch(/^(\.\.\/|\/)/);
    await writeFile(path.join(sources, "edition.yaml"), withStyle(style));
    const error = await failure(buildEdition(path.join(sources, "edition.yaml")));
    expect(error.ruleId).toBe("manifest-path-outside");
    expect(error.reason.startsWith(`CSL style path \`${style}\` leaves the edition's folder (`), error.reason).toBe(true);
    expect([error.line, error.column]).toEqual([11, 20]);
  });

  it("refuses a CSL style inside the folder that is a symbolic link to a file outside", async () => {
    const outside = await outsideFolder();
    await writeFile(path.join(outside, "style.csl"), "TOPSECRET-1234 not a style\n");
    const sources = await sourcesFixture(withStyle("styles/house.csl"), fixtureTexts);
    await mkdir(path.join(sources, "styles"));
    await symlink(path.join(outside, "style.csl"), path.join(sources, "styles", "house.csl"));
    const error = await failure(buildEdition(path.join(sources, "edition.yaml")));
    expect(error.ruleId).toBe("manifest-path-outside");
    expect(error.reason).not.toContain("TOPSECRET");
  });

  it("refuses a style id that is a path in disguise", async () => {
    const error = await failure(buildEdition(path.join(await sourcesFixture(withStyle("../../../etc/passwd"), fixtureTexts), "edition.yaml")));
    expect(error.ruleId).toBe("manifest-csl-style-invalid");
    expect([error.line, error.column]).toEqual([11, 20]);
  });
});

describe("CSL styles that are no style", () => {
  it.each([
    ["a text file", "TOPSECRET-1234 first bytes of a private file\nsecond line\n"],
    ["XML that is not CSL", '<?xml version="1.0"?><secret>TOPSECRET-1234</secret>\n'],
    ["a CSL style with no bibliography", '<?xml version="1.0"?><style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="note"><info><title>TOPSECRET-1234</title></info></style>\n'],
  ])("stops the build on %s, naming the file and the manifest's line but never the contents", async (_, content) => {
    const sources = await sourcesFixture(withStyle("house.csl"), { ...fixtureTexts, "house.csl": content });
    const error = await failure(buildEdition(path.join(sources, "edition.yaml")));
    expect(error.name).not.toBe("SyntaxError");
    expect(error.ruleId).toBe("manifest-csl-style-invalid");
    expect(error.reason).toMatch(/^CSL style `house\.csl` \(.*house\.csl\) is not a usable CSL style: /);
    expect(error.reason).not.toContain("TOPSECRET");
    expect([error.line, error.column]).toEqual([11, 20]);
  });

  it("stops the build on a named .csl file that does not exist", async () => {
    const error = await failure(buildEdition(path.join(await sourcesFixture(withStyle("missing.csl"), fixtureTexts), "edition.yaml")));
    expect(error.reason).toBe("CSL style file `missing.csl` does not exist");
    expect(error.line).toBe(11);
  });

  it.skipIf(!existsSync(path.join(systemStylesDir, "chicago-note-bibliography.csl")))("reads a style by id from the system's styles and a copy of it inside the folder", async () => {
    const byId = new VFile({ path: "edition.yaml" });
    expect((await loadCslStyle("chicago-note-bibliography", "sources", byId))?.name).toBe("chicago-note-bibliography");
    const sources = await sourcesFixture(validManifest);
    await copyFile(path.join(systemStylesDir, "chicago-note-bibliography.csl"), path.join(sources, "house.csl"));
    const local = new VFile({ path: "edition.yaml" });
    expect((await loadCslStyle("house.csl", sources, local))?.name).toBe("house");
    expect([...byId.messages, ...local.messages]).toEqual([]);
  });
});

describe("editors' patterns are refused at load when they can backtrack exponentially", () => {
  it.each([
    ["^(a+)+$", false],
    ["(a+)+$", false],
    ["(\\w+\\s?)*$", false],
    ["(.*a){20}", false],
    ["(?:x+x+)+y", false],
    ["((a+)?)*", false],
    ["(a{2,3})*", false],
    // The edition's own kinds of pattern: optional groups, lookarounds, fixed counts.
    ["^ATC \\d+, [A-Z][a-z]+(-[A-Z][a-z]+)? \\d{4}$", true],
    ["Trotsky(?=,? (?:Volume|vol\\.|1923))", true],
    ["(?<!\\p{L})Trotsky(?!\\p{L})", true],
    ["^\\s*Top of page\\s*$", true],
    ["(ab{2})+", true],
    ["[(+]+(a)", true],
  ])("%s is allowed: %s", (source, allowed) => {
    expect(patternProblem(source) === undefined).toBe(allowed);
  });

  it("refuses `^(a+)+$` in the boilerplate data at its line and column", async () => {
    const boilerplate = "sites:\n  - site: Somewhere\n    recognise:\n      - '^Somewhere$'\n    remove:\n      - '^(a+)+$'\n";
    const sources = await sourcesFixture(validManifest, { ...fixtureTexts, "boilerplate.yaml": boilerplate });
    const error = await failure(loadEdition(path.join(sources, "edition.yaml")));
    expect(error.file).toMatch(/boilerplate\.yaml$/);
    expect(error.ruleId).toBe("boilerplate-schema");
    expect(error.reason).toMatch(/^`sites\.0\.remove\.0`: repeats a group that holds a repetition/);
    expect([error.line, error.column]).toEqual([6, 9]);
  });

  it("refuses `(a+)+$` in the names data's notPersons at its line and column", async () => {
    const names = "persons:\n  - heading: Trotsky, Leon\nnotPersons:\n  - { pattern: '(a+)+$', reason: a test }\n";
    const sources = await sourcesFixture(validManifest, { ...fixtureTexts, "names.yaml": names });
    const error = await failure(loadEdition(path.join(sources, "edition.yaml")));
    expect(error.ruleId).toBe("names-schema");
    expect(error.reason).toMatch(/^`notPersons\.0\.pattern`: repeats a group/);
    expect([error.line, error.column]).toEqual([4, 16]);
  });
});

describe("built-in patterns on long runs (speed in bench/, results here)", () => {
  const run = 200_000;

  it("folds a long run of spaces or tabs around a line break and doubled spaces", () => {
    expect(normaliseSpaces(`a${" ".repeat(run)}\n${" ".repeat(run)}b`)).toBe("a b");
    expect(normaliseSpaces(`a${" ".repeat(run)}b`)).toBe("a b");
    expect(normaliseSpaces("a \t\n\u00A0 b\u00A0c  d \t e")).toBe("a b c d \t e");
    expect(normaliseDashes(`a${"\t".repeat(run)}--${"\t".repeat(run)}b`)).toBe("a – b");
    expect(normaliseDashes(`a${"\t".repeat(run)}b`)).toBe(`a${"\t".repeat(run)}b`);
  });

  it("reads a link line with a long run of spaces, and a long run of spaces as no link line", () => {
    expect(isLinkLine(`Index${" ".repeat(run)}|${" ".repeat(run)}Main page`)).toBe(true);
    expect(isLinkLine(`a${" ".repeat(run)}b`)).toBe(false);
  });

  it.each([
    ["spaces", " "],
    ["dots", "."],
    ["`>`", ">"],
    ["`[`", "["],
  ])("restores a line of 200,000 %s between two paragraphs, keeping both", async (_, char) => {
    const file = new VFile({ path: "long.txt", value: `A first paragraph, which ends:\n\nWord${char.repeat(run)}word [5]\n\nThe last paragraph.\n`, data: { textId: "long" } });
    const { hast } = await processText(file);
    const paragraphs = selectAll("p", hast).map((p) => toString(p));
    expect(paragraphs[0]).toBe("A first paragraph, which ends:");
    expect(paragraphs.at(-1)).toBe("The last paragraph.");
    const long = toString(hast);
    expect(long).toContain("Word");
    if (char === " ") expect(long).toMatch(/Word[ \u00A0]word/);
    else expect(long.length).toBeGreaterThan(run / 3);
  });
});

describe("deep nesting in the manifest's note", () => {
  it("cuts a line that opens more than the maximum of block quotes or list items", () => {
    expect(capNesting(`${">".repeat(100_000)} deep`)).toEqual({ markdown: `${">".repeat(maxNesting)} deep`, cut: [1] });
    expect(capNesting(`para\n\n${"- ".repeat(100)}x`).markdown).toBe(`para\n\n${"- ".repeat(maxNesting)}x`);
    expect(capNesting(`${"1. ".repeat(40)}x`).markdown).toBe(`${"1. ".repeat(maxNesting)}x`);
    const ordinary = "A note in *Markdown*.\n\n> a quotation\n> > inside one\n\n- a list\n  - inside one\n";
    expect(capNesting(ordinary)).toEqual({ markdown: ordinary, cut: [] });
  });

  it("builds a note of 100,000 `>` with a warning at the note's line instead of overflowing the stack", async () => {
    const manifest = validManifest.replace("  A note in *Markdown*.\n", `  A note in *Markdown*.\n\n  ${">".repeat(100_000)} deep\n`);
    const edition = await buildEdition(path.join(await sourcesFixture(manifest, fixtureTexts), "edition.yaml"));
    const warning = edition.manifestFile.messages.find((message) => message.ruleId === "manifest-note-nesting")!;
    expect(warning.fatal).toBe(false);
    expect([warning.line, warning.column]).toEqual([11, 7]);
    let depth = 0;
    for (let quote = selectAll("blockquote", edition.book)[0]; quote; quote = quote.children.find((child) => child.type === "element" && child.tagName === "blockquote") as typeof quote) depth++;
    expect(depth).toBe(maxNesting);
  });
});

describe("editorial data files", () => {
  it("stops at the manifest's line when a data file it names does not exist", async () => {
    const sources = await sourcesFixture(validManifest.replace("note: |", "boilerplate: rules/boilerplate.yaml\nnote: |"), fixtureTexts);
    const error = await failure(loadEdition(path.join(sources, "edition.yaml")));
    expect(error.reason).toBe("boilerplate file `rules/boilerplate.yaml` does not exist");
    expect([error.line, error.column]).toEqual([11, 14]);
  });

  it("reports each absent default data file at info level with its path", async () => {
    const sources = await sourcesFixture(validManifest, { ...fixtureTexts, "structure.yaml": "[]\n" });
    const edition = await loadEdition(path.join(sources, "edition.yaml"));
    const infos = edition.manifestFile.messages.filter((message) => message.ruleId === "manifest-default-data-absent");
    expect(infos.map((message) => message.fatal)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(infos.map((message) => message.reason)).toEqual(
      ["corrections", "boilerplate", "names", "chronology", "lexicon"].map((kind) => `no ${kind} file: \`${displayPath(path.join(sources, `${kind}.yaml`))}\` (the default for this manifest) does not exist; the edition is built without one`),
    );
  });

  it.each([
    ["listed under two persons", "persons:\n  - heading: Trotsky, Leon\n    variants: [Lev Bronstein, Josef Stalin]\n  - heading: Stalin, Joseph\n    variants: [Koba, Josef Stalin]\n", [5, 22], "`Trotsky, Leon` and `Stalin, Joseph`"],
    ["that is another person's full name", "persons:\n  - heading: Stalin, Josef\n  - heading: Trotsky, Leon\n    variants: [Lev Bronstein, Josef  Stalin]\n", [4, 31], "`Stalin, Josef` and `Trotsky, Leon`"],
  ])("refuses a variant %s, at its line", async (_, names, place, who) => {
    const sources = await sourcesFixture(validManifest, { ...fixtureTexts, "names.yaml": names });
    const error = await failure(loadEdition(path.join(sources, "edition.yaml")));
    expect(error.ruleId).toBe("names-duplicate-variant");
    expect(error.reason).toContain(who);
    expect([error.line, error.column]).toEqual(place);
  });

  it("refuses a YAML alias bomb with a clear error at the file's first alias", async () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(", ")}]`)].join("\n");
    const sources = await sourcesFixture(validManifest, { ...fixtureTexts, "corrections.yaml": `${bomb}\n` });
    const error = await failure(loadEdition(path.join(sources, "edition.yaml")));
    expect(error.ruleId).toBe("corrections-yaml");
    expect(error.reason).toMatch(/^YAML: .*alias.*\(at most 100 alias expansions\)$/i);
    expect([error.line, error.column]).toEqual([2, 8]);
  });
});
