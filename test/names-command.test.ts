// `edition names` (issue 14, part 3): per text, the persons the index finds, with heading, forms, count and first
// raw place, marked as from names.yaml or detected; `--yaml` prints the detected ones as entries for names.yaml.
import { readFileSync } from "node:fs";
import { appendFile, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { namesSchema } from "../src/manifest/names-schema.js";
import { cli, sourcesFixture } from "./helpers.js";
import { validManifest } from "./fixtures/manifests.js";

const texts = {
  // Line 1: Trotsky at 1:1, Murray at 1:18; line 4: a forename and initial before the next sentence's first word, then Walter Allen at 4:65.
  "texts/first.txt": "Leon Trotsky met Edward Murray in Coyoacán.\nTrotsky spoke; Murray listened, and Murray’s notes survive.\n\nThe letter was signed Elizabeth E. Nonetheless, nobody answered Walter Allen.\n",
  // Leon Trotsky at 1:22, Anna Moore at 1:41.
  "texts/second.txt": "James Allen wrote to Leon Trotsky about Anna Moore.\n",
  "names.yaml": "persons:\n  - heading: Trotsky, Leon\n",
};

const fixture = () => sourcesFixture(`${validManifest}names: names.yaml\n`, texts);

/** The lines of one text's block in the listing. */
function block(listing: string, id: string): string[] {
  const lines = listing.split("\n");
  const start = lines.findIndex((line) => line.startsWith(`${id} (`));
  const end = lines.findIndex((line, index) => index > start && line === "");
  return lines.slice(start, end < 0 ? undefined : end);
}

describe("edition names on a fixture edition", () => {
  test("lists each text's persons: heading, source, count, forms and first file:line:column", async () => {
    const dir = await fixture();
    const result = await cli(["names", "-m", path.join(dir, "edition.yaml")]);
    expect(result.code).toBe(0);
    const first = path.join(dir, "texts", "first.txt");
    expect(block(result.stdout, "first")).toEqual([
      `first (${first}): 3 persons, 1 from names.yaml, 2 detected`,
      `  Murray, Edward  [detected]  3×  forms: Murray | Edward Murray  first: ${first}:1:18`,
      `  Trotsky, Leon  [names.yaml]  2×  forms: Leon Trotsky | Trotsky  first: ${first}:1:1`,
      `  Allen, Walter  [detected]  1×  forms: Walter Allen  first: ${first}:4:65`,
    ]);
    const second = path.join(dir, "texts", "second.txt");
    expect(block(result.stdout, "second")).toEqual([
      `second (${second}): 3 persons, 1 from names.yaml, 2 detected`,
      `  Allen, James  [detected]  1×  forms: James Allen  first: ${second}:1:1`,
      `  Moore, Anna  [detected]  1×  forms: Anna Moore  first: ${second}:1:41`,
      `  Trotsky, Leon  [names.yaml]  1×  forms: Leon Trotsky  first: ${second}:1:22`,
    ]);
    // The forename, the initial and the next sentence's first word are no person (issue 14: "Murray, E. Nonetheless").
    expect(result.stdout).not.toMatch(/Nonetheless|Elizabeth/);
  });

  test("--yaml prints the detected persons as names.yaml entries that the loader accepts", async () => {
    const dir = await fixture();
    const result = await cli(["names", "--yaml", "-m", path.join(dir, "edition.yaml")]);
    expect(result.code).toBe(0);
    const printed = namesSchema.parse(parse(result.stdout));
    // Trotsky is in names.yaml already; the two Allens share a surname, so neither takes `Allen` alone.
    expect(printed.persons.map((person) => [person.heading, person.surnameAlone])).toEqual([
      ["Allen, James", false],
      ["Allen, Walter", false],
      ["Moore, Anna", true],
      ["Murray, Edward", true],
    ]);
    expect(printed.persons.every((person) => person.variants.length === 0)).toBe(true);
    expect(result.stdout).toContain(`# first 3× (first ${path.join(dir, "texts", "first.txt")}:1:18)`);

    // Pasted under `persons:`, the entries load, and every person now comes from the file.
    const entries = result.stdout.slice(result.stdout.indexOf("persons:\n") + "persons:\n".length);
    await appendFile(path.join(dir, "names.yaml"), entries);
    expect(await readFile(path.join(dir, "names.yaml"), "utf8")).toContain("- heading: Murray, Edward");
    const again = await cli(["names", "-m", path.join(dir, "edition.yaml")]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("3 persons, 3 from names.yaml, 0 detected");
    expect(again.stdout).not.toContain("[detected]");
    const none = await cli(["names", "--yaml", "-m", path.join(dir, "edition.yaml")]);
    expect(namesSchema.parse(parse(none.stdout)).persons).toEqual([]);
  });
});

describe("edition names on the corpus edition (no names.yaml)", () => {
  const reading = parse(readFileSync("test/fixtures/readings/names-command.yaml", "utf8")) as {
    schneider: { heading: string; count: number; forms: Record<string, number>; first: string };
  };
  const manifest = "test/fixtures/corpus/edition.yaml";

  test("Schneider: Adorno detected with the count and first place read from the text", async () => {
    const result = await cli(["names", "-m", manifest]);
    expect(result.code).toBe(0);
    const { heading, count, forms, first } = reading.schneider;
    const line = block(result.stdout, "schneider").find((entry) => entry.startsWith(`  ${heading}  `));
    const byCount = Object.entries(forms).sort((a, b) => b[1] - a[1]).map(([form]) => form);
    expect(line).toBe(`  ${heading}  [detected]  ${count}×  forms: ${byCount.join(" | ")}  first: test/fixtures/corpus/schneider-2011-trotskys-theory-of-art.txt:${first}`);
    expect(Object.values(forms).reduce((a, b) => a + b)).toBe(count);
  });

  test("--yaml: every detected person once, parsed by the names schema", async () => {
    const result = await cli(["names", "--yaml", "-m", manifest]);
    expect(result.code).toBe(0);
    const printed = namesSchema.parse(parse(result.stdout));
    const headings = printed.persons.map((person) => person.heading);
    expect(new Set(headings).size).toBe(headings.length);
    expect(headings).toContain("Adorno, Theodor");
    expect(printed.persons.find((person) => person.heading === "Adorno, Theodor")).toMatchObject({ variants: [], surnameAlone: true });
  });
});
