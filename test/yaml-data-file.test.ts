// A data file read again with the same bytes is taken from the memo (no YAML
// parse); its places are still found, by a parse made only when one is asked.
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { loadYamlDataFile } from "../src/manifest/yaml-data-file.js";

const schema = z.strictObject({ title: z.string(), texts: z.array(z.strictObject({ id: z.string() })) });

async function dataFile(text: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "yaml-data-file-"));
  const file = path.join(dir, "edition.yaml");
  await writeFile(file, text);
  return file;
}

describe("loadYamlDataFile", () => {
  it("gives the same value and places when the file is read again from the memo", async () => {
    const file = await dataFile("title: A book\n\ntexts:\n  - id: one\n  - id: two\n");
    const first = await loadYamlDataFile(file, schema, "manifest");
    first.data.texts.push({ id: "changed by a caller" });
    const second = await loadYamlDataFile(file, schema, "manifest");
    expect(second.data).toEqual({ title: "A book", texts: [{ id: "one" }, { id: "two" }] });
    expect(second.placeOf(["texts", 1, "id"])).toEqual({ line: 5, column: 9 });
    expect(second.has(["title"])).toBe(true);
    expect(second.has(["subtitle"])).toBe(false);
  });

  it("still fails at the line of a schema problem in a file whose YAML was read before", async () => {
    const good = await dataFile("title: A book\ntexts:\n  - id: one\n");
    await loadYamlDataFile(good, schema, "manifest");
    // The same YAML value under another schema: the memo holds values, not verdicts.
    const strict = z.strictObject({ title: z.string(), texts: z.array(z.strictObject({ id: z.number() })) });
    await expect(loadYamlDataFile(good, strict, "manifest")).rejects.toThrow(/texts\.0\.id/);
    try {
      await loadYamlDataFile(good, strict, "manifest");
    } catch (error) {
      expect((error as { line?: number }).line).toBe(3);
    }
  });

  it("reports a broken file at its line every time (a broken file is never kept)", async () => {
    const broken = await dataFile("title: A book\ntexts: [\n");
    for (let round = 0; round < 2; round++) await expect(loadYamlDataFile(broken, schema, "manifest")).rejects.toThrow(/YAML/);
  });
});
