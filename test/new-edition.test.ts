// `edition new <dir>` (issue 13, part 5): a minimal edition that builds as it
// stands, EPUBCheck clean, with every placeholder warned about at its line;
// never written over anything.
import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadEdition } from "../src/manifest/load-edition.js";
import { slugOf } from "../src/scaffold/new-edition.js";
import { cli } from "./helpers.js";

const tempDir = (prefix: string) => mkdtemp(path.join(os.tmpdir(), prefix));

/** The manifest keys that hold placeholders, as `edition new` writes them, with the lines they stand on (counted in src/scaffold/new-edition.ts's template). */
const placeholders: [string, number][] = [
  ["title", 6],
  ["editor", 8],
  ["publisher", 9],
  ["rights", 11],
  ["description", 13],
  ["note", 16],
  ["texts.0.author", 25],
  ["texts.0.title", 26],
  ["texts.0.publication", 28],
  ["texts.0.source.site", 31],
];

describe("edition new", () => {
  it("writes a minimal edition that builds with exit 0 and an EPUB that EPUBCheck finds nothing in", async () => {
    const dir = path.join(await tempDir("editions-new-"), "My Edition");
    const made = await cli(["new", dir]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain(`wrote a new edition in ${dir}: edition.yaml, texts/sample.txt, corrections.yaml, boilerplate.yaml, structure.yaml, names.yaml, lexicon.yaml, chronology.yaml`);
    expect((await readdir(dir)).sort()).toEqual(["boilerplate.yaml", "chronology.yaml", "corrections.yaml", "edition.yaml", "lexicon.yaml", "names.yaml", "structure.yaml", "texts"]);
    expect(await readdir(path.join(dir, "texts"))).toEqual(["sample.txt"]);

    const out = await tempDir("editions-new-out-");
    const built = await cli(["build", "--no-pdf", "-m", path.join(dir, "edition.yaml"), "--out", out]);
    expect(built.code, built.stderr).toBe(0);
    // The slug comes from the folder's name.
    const epub = await readFile(path.join(out, "my-edition.epub"));
    const { EpubCheck } = await import("@likecoin/epubcheck-ts");
    const checked = await EpubCheck.validate(epub);
    // Every severity: no fatal, error, warning or usage message at all.
    expect(checked.messages.map((message) => `${message.severity} ${message.id}: ${message.message}`)).toEqual([]);

    // Each placeholder is a warning at its line of the manifest, and nothing else is.
    const warnings = built.stderr.split("\n").filter((line) => /\bwarning\b/.test(line));
    expect(warnings.map((line) => /^(\d+):\d+\s+warning\s+`([^`]+)` is still the placeholder `edition new` wrote; change it\s+manifest-placeholder/.exec(line)?.slice(1, 3))).toEqual(
      placeholders.map(([key, line]) => [String(line), key]),
    );
  });

  it("writes data files the loader reads as empty, each found beside the manifest", async () => {
    const dir = path.join(await tempDir("editions-new-"), "fresh");
    expect((await cli(["new", dir])).code).toBe(0);
    const edition = await loadEdition(path.join(dir, "edition.yaml"));
    expect(edition.correctionsFile && edition.structureFile && edition.namesFile).toBeTruthy();
    expect(edition.corrections).toEqual([]);
    expect(edition.structureHints).toEqual([]);
    expect(edition.boilerplate.sites).toEqual([]);
    expect(edition.names?.persons).toEqual([]);
    expect(edition.lexiconFiles.map((file) => path.basename(file.path))).toEqual(["en.yaml", "lexicon.yaml"]);
    expect(edition.manifestFile.messages.filter((message) => message.ruleId === "manifest-default-data-absent")).toEqual([]);
    expect(edition.manifest.identifier).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(edition.manifest.revised).toBe(new Date().toISOString().slice(0, 10));
  });

  it("gives each new edition its own identifier", async () => {
    const parent = await tempDir("editions-new-");
    await cli(["new", path.join(parent, "a")]);
    await cli(["new", path.join(parent, "b")]);
    const [a, b] = await Promise.all(["a", "b"].map(async (name) => (await loadEdition(path.join(parent, name, "edition.yaml"))).manifest.identifier));
    expect(a).not.toBe(b);
  });

  it("writes into an existing empty folder", async () => {
    const dir = await tempDir("editions-new-empty-");
    const made = await cli(["new", dir]);
    expect(made.code, made.stderr).toBe(0);
    expect(await readdir(dir)).toContain("edition.yaml");
  });

  it("refuses a folder that holds anything, and leaves it as it was", async () => {
    const dir = await tempDir("editions-new-full-");
    await writeFile(path.join(dir, "notes.txt"), "an editor's own file\n");
    const made = await cli(["new", dir]);
    expect(made.code).toBe(1);
    expect(made.stderr).toBe(`error: the folder \`${dir}\` is not empty; a new edition goes into a new or empty folder, and nothing was written\n`);
    expect(await readdir(dir)).toEqual(["notes.txt"]);
    expect(await readFile(path.join(dir, "notes.txt"), "utf8")).toBe("an editor's own file\n");
  });

  it("refuses a folder that holds only an empty folder, and a path that is a file", async () => {
    const dir = await tempDir("editions-new-full-");
    await mkdir(path.join(dir, "texts"));
    expect((await cli(["new", dir])).code).toBe(1);
    expect(await readdir(dir)).toEqual(["texts"]);
    const file = path.join(dir, "texts", "a-file");
    await writeFile(file, "x");
    const made = await cli(["new", file]);
    expect(made.code).toBe(1);
    expect(made.stderr).toContain("is a file, not a folder");
  });

  it.each([
    ["/tmp/My Edition", "my-edition"],
    ["sources/dev-corpus/", "dev-corpus"],
    ["Éditions critiques", "editions-critiques"],
    ["___", "new-edition"],
  ])("makes the slug of %s %s", (dir, slug) => {
    expect(slugOf(dir)).toBe(slug);
  });
});
