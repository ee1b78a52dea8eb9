import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { VFileMessage } from "vfile-message";
import { loadEdition } from "../src/manifest/load-edition.js";
import { fixtureTexts, validManifest } from "./fixtures/manifests.js";
import { sourcesFixture } from "./helpers.js";

const sharedSources = path.join("..", "shared", "sources");

async function loadError(manifest: string, texts: Record<string, string> = fixtureTexts): Promise<VFileMessage> {
  const dir = await sourcesFixture(manifest, texts);
  const error = await loadEdition(path.join(dir, "edition.yaml")).then(
    () => undefined,
    (reason: VFileMessage) => reason,
  );
  if (!error) throw new Error("the manifest loaded, but it should not have");
  expect(error.file).toMatch(/edition\.yaml$/);
  return error;
}

describe("the manifest", () => {
  it("loads the real edition.yaml with the five texts in reading order", async () => {
    const edition = await loadEdition("sources/edition.yaml");
    expect(edition.manifest.texts.map((text) => text.id)).toEqual(["sherry", "marot", "cliff", "introduction", "simkin"]);
    expect(edition.manifest.trim).toBe("6x9in");
    const raw = await readFile("sources/texts/cliff-1990-trotsky-and-the-triumvirate.txt");
    expect(Buffer.compare(edition.texts[2]!.value as Buffer, raw)).toBe(0);
  });

  // shared/ stands beside the checkout on developers' and CI machines, not in a user's clone.
  it.skipIf(!existsSync(sharedSources))("keeps the raw texts byte for byte as they came from shared/sources", async () => {
    const edition = await loadEdition("sources/edition.yaml");
    expect(edition.texts).toHaveLength(5);
    for (const file of edition.texts) {
      const original = await readFile(path.join(sharedSources, path.basename(file.path)));
      expect(Buffer.compare(file.value as Buffer, original), file.path).toBe(0);
    }
  });

  it("names the line of a text file that does not exist", async () => {
    const error = await loadError(validManifest.replace("texts/second.txt", "texts/missing.txt"));
    expect(error.reason).toBe("text file `texts/missing.txt` does not exist");
    expect(error.ruleId).toBe("manifest-missing-file");
    expect([error.line, error.column]).toEqual([24, 11]);
  });

  it("refuses an unknown key, naming it and its line", async () => {
    const error = await loadError(validManifest.replace("    kind: article\n", "    kind: article\n    colour: red\n"));
    expect(error.reason).toContain("unknown key `colour`");
    expect([error.line, error.column]).toEqual([28, 5]);
  });

  it("refuses a path that leaves the sources folder", async () => {
    const error = await loadError(validManifest.replace("texts/first.txt", "../../etc/passwd"));
    expect(error.reason).toMatch(/^text path `\.\.\/\.\.\/etc\/passwd` leaves the edition's folder \(`[^`]+`\); only files inside the folder of the manifest `[^`]*edition\.yaml` are read$/);
    expect(error.line).toBe(15);
  });

  it("refuses an absolute path outside the sources folder", async () => {
    const error = await loadError(validManifest.replace("texts/first.txt", "/etc/hostname"));
    expect(error.ruleId).toBe("manifest-path-outside");
  });

  it("reports malformed YAML with its line", async () => {
    const error = await loadError(validManifest.replace("title: A Fixture", "title: [A Fixture"));
    expect(error.ruleId).toBe("manifest-yaml");
    expect(error.line).toBeGreaterThanOrEqual(2);
  });

  it("names a required key that is missing", async () => {
    const error = await loadError(validManifest.replace("rights: For testing.\n", ""));
    expect(error.reason).toBe("`rights`: required key is missing");
  });

  it("refuses a duplicate text id", async () => {
    const error = await loadError(validManifest.replace("id: second", "id: first"));
    expect(error.reason).toBe("duplicate text id `first`");
    expect(error.line).toBe(23);
  });

  it("refuses a duplicate key in the YAML", async () => {
    const error = await loadError(validManifest.replace("title: A Fixture\n", "title: A Fixture\ntitle: Again\n"));
    expect(error.ruleId).toBe("manifest-yaml");
    expect(error.line).toBe(3);
  });
});
