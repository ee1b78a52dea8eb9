// Editions are self-contained (issue 13, part 5): two manifests in one folder
// share its texts but never each other's data, and every message names the
// manifest actually read. Fixtures are small temporary editions built from
// test/fixtures/manifests.ts.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { formatSpellingCandidates } from "../src/check/spelling-candidates.js";
import { decodeText } from "../src/ingest/decode-text.js";
import { defaultDataName } from "../src/manifest/edition-data.js";
import { loadEdition } from "../src/manifest/load-edition.js";
import { displayPath } from "../src/manifest/yaml-data-file.js";
import { fixtureTexts, validManifest } from "./fixtures/manifests.js";
import { cli, failure, sourcesFixture } from "./helpers.js";


const correction = (text: string, wrong: string, right: string) => `- text: ${text}\n  wrong: ${wrong}\n  right: ${right}\n  reason: test\n`;

/** A second manifest for the same folder: one text of its own (`third`), none of edition.yaml's ids. */
const otherManifest = validManifest
  .replace("slug: fixture-edition", "slug: other-edition")
  .replace("id: first", "id: third")
  .replace(/  - id: second[\s\S]*$/, "");

/** A folder with two editions: edition.yaml (texts first, second) and other.yaml (text third, the first text's file), each with corrections beside it. */
async function twoEditions(extra: Record<string, string> = {}): Promise<string> {
  return sourcesFixture(validManifest, {
    ...fixtureTexts,
    "other.yaml": otherManifest,
    // edition.yaml's corrections name `first`, which other.yaml does not list.
    "corrections.yaml": correction("first", "Second paragraph", "Second Paragraph"),
    "other.corrections.yaml": correction("third", "first paragraph", "opening paragraph"),
    ...extra,
  });
}

describe("default data file names", () => {
  it.each([
    ["edition.yaml", "corrections", "corrections.yaml"],
    ["sources/edition.yaml", "names", "names.yaml"],
    ["corpus.yaml", "corrections", "corpus.corrections.yaml"],
    ["/x/y/dev-corpus.yml", "lexicon", "dev-corpus.lexicon.yaml"],
    ["other.yaml", "boilerplate", "other.boilerplate.yaml"],
  ] as const)("%s finds its %s in %s", (manifest, kind, expected) => {
    expect(defaultDataName(manifest, kind)).toBe(expected);
  });
});

describe("two manifests in one folder", () => {
  it("each reads its own corrections and none of the other's", async () => {
    const dir = await twoEditions();
    const main = await loadEdition(path.join(dir, "edition.yaml"));
    const other = await loadEdition(path.join(dir, "other.yaml"));
    expect(main.corrections.map((entry) => [entry.text, entry.wrong])).toEqual([["first", "Second paragraph"]]);
    expect(other.corrections.map((entry) => [entry.text, entry.wrong])).toEqual([["third", "first paragraph"]]);
    expect(main.dataPaths.corrections).toBe(displayPath(path.join(dir, "corrections.yaml")));
    expect(other.dataPaths.corrections).toBe(displayPath(path.join(dir, "other.corrections.yaml")));
    expect(other.correctionsFile?.path).toBe(displayPath(path.join(dir, "other.corrections.yaml")));
    // Both read the same raw text file; neither sees the other's data.
    expect(other.texts.map((file) => file.path)).toEqual([displayPath(path.join(dir, "texts", "first.txt"))]);
  });

  it("builds both with the command, each exit 0, each with its own correction only", async () => {
    const dir = await twoEditions();
    const out = await mkdtemp(path.join(os.tmpdir(), "editions-out-"));
    for (const manifest of ["edition.yaml", "other.yaml"]) {
      const result = await cli(["check", "--json", "-m", path.join(dir, manifest)]);
      expect(result.code, result.stdout).toBe(0);
      const messages = JSON.parse(result.stdout) as { ruleId: string; reason: string }[];
      const corrections = messages.filter((message) => message.ruleId === "correction").map((message) => message.reason);
      expect(corrections).toEqual(manifest === "edition.yaml" ? ["corrected `Second paragraph` to `Second Paragraph`: test"] : ["corrected `first paragraph` to `opening paragraph`: test"]);
    }
    const built = await cli(["build", "--no-pdf", "-m", path.join(dir, "other.yaml"), "--out", out]);
    expect(built.code, built.stderr).toBe(0);
  });

  it("names the manifest actually read when a data entry names a text it does not list", async () => {
    // The failure of issue 13: other.yaml's own corrections name `first`, a text of edition.yaml.
    const dir = await twoEditions({ "other.corrections.yaml": correction("first", "first paragraph", "x") });
    const error = await failure(loadEdition(path.join(dir, "other.yaml")));
    expect(error.reason).toBe(`entry names text \`first\`, which the manifest \`${displayPath(path.join(dir, "other.yaml"))}\` does not list (its texts: \`third\`)`);
    expect(error.reason).not.toContain("edition.yaml");
    expect(error.file).toBe(displayPath(path.join(dir, "other.corrections.yaml")));
    expect([error.line, error.column]).toEqual([1, 9]);
  });

  it("tells which default file it sought, per manifest, when there is none", async () => {
    const dir = await twoEditions();
    const other = await loadEdition(path.join(dir, "other.yaml"));
    const absent = other.manifestFile.messages.filter((message) => message.ruleId === "manifest-default-data-absent").map((message) => message.reason);
    expect(absent).toEqual(
      ["boilerplate", "structure", "names", "chronology", "lexicon"].map(
        (kind) => `no ${kind} file: \`${displayPath(path.join(dir, `other.${kind}.yaml`))}\` (the default for this manifest) does not exist; the edition is built without one`,
      ),
    );
  });

  it("reads a data file the manifest names, relative to the manifest, instead of the default", async () => {
    const dir = await twoEditions({ "data/shared-fixes.yaml": correction("third", "Second paragraph", "Next paragraph") });
    await writeFile(path.join(dir, "other.yaml"), otherManifest.replace("note: |", "corrections: data/shared-fixes.yaml\nnote: |"));
    const other = await loadEdition(path.join(dir, "other.yaml"));
    expect(other.corrections.map((entry) => entry.wrong)).toEqual(["Second paragraph"]);
    expect(other.dataPaths.corrections).toBe(displayPath(path.join(dir, "data", "shared-fixes.yaml")));
  });

  it("a manifest in a subfolder is an edition of that subfolder: it may not read the texts above it", async () => {
    const dir = await twoEditions();
    await mkdir(path.join(dir, "nested"));
    await writeFile(path.join(dir, "nested", "edition.yaml"), validManifest.replaceAll("file: texts/", "file: ../texts/"));
    const error = await failure(loadEdition(path.join(dir, "nested", "edition.yaml")));
    // Its texts are outside its folder: the nested edition may not read them.
    expect(error.ruleId).toBe("manifest-path-outside");
    expect(error.reason).toContain(`the manifest \`${displayPath(path.join(dir, "nested", "edition.yaml"))}\``);
  });
});

describe("messages name the manifest used", () => {
  it("an empty text names the manifest that lists it", () => {
    const file = new VFile({ path: "texts/empty.txt", value: "\n\n", data: { manifestPath: "sources/other.yaml" } });
    decodeText(file);
    expect(file.messages.map((message) => message.reason)).toEqual(["text is empty: there is nothing to print; check the file or remove it from `sources/other.yaml`"]);
  });

  it("the spelling report's last line names the edition's corrections file", () => {
    expect(formatSpellingCandidates([], "sources/other.corrections.yaml")).toBe(
      "Spelling candidates only: nothing was changed. Add a confirmed slip to sources/other.corrections.yaml.\n",
    );
  });
});
