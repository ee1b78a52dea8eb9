// Hard edges of the command (issue 24, part 6): `check --json` prints JSON
// whatever fails, and `build`/`watch` refuse an output folder that is the
// root, a system folder or inside a folder the build reads.
import { mkdtemp, readdir, symlink, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixtureTexts, validManifest } from "./fixtures/manifests.js";
import { cli, sourcesFixture } from "./helpers.js";

interface JsonMessage {
  file: string;
  line: number | null;
  column: number | null;
  severity: string;
  ruleId: string | null;
  reason: string;
}

/** `check --json` on these sources: the exit status and the parsed JSON (a parse error fails the test). */
async function checkJson(manifest: string) {
  const result = await cli(["check", "--json", "--manifest", manifest]);
  return { code: result.code, stderr: result.stderr, messages: JSON.parse(result.stdout) as JsonMessage[] };
}

describe("check --json", () => {
  it("prints JSON for a YAML syntax error, with its line", async () => {
    const sources = await sourcesFixture(validManifest.replace("title: A Fixture", "title: [A Fixture"), fixtureTexts);
    const { code, messages } = await checkJson(path.join(sources, "edition.yaml"));
    expect(code).toBe(1);
    expect(messages).toEqual([expect.objectContaining({ severity: "error", file: expect.stringContaining("edition.yaml"), line: expect.any(Number) })]);
  });

  it("prints JSON for a style file that is no CSL style", async () => {
    const sources = await sourcesFixture(validManifest.replace("texts:", "bibliographyStyle: styles/broken.csl\ntexts:"), {
      ...fixtureTexts,
      "styles/broken.csl": "not a style at all {\n",
      // A note that cites a work, so that the style is used.
      "texts/first.txt": "First text, with a call.[1]\n\nNotes\n\n1. Leon Trotsky, My Life (New York: Scribner, 1930), p. 12.\n",
    });
    const { code, messages } = await checkJson(path.join(sources, "edition.yaml"));
    // An error (or a warning and the built-in style, if the build learns to fall back): either way the answer is JSON.
    expect(messages.filter((message) => message.severity !== "info").length).toBeGreaterThan(0);
    expect(code).toBe(messages.some((message) => message.severity === "error") ? 1 : 0);
  });

  it("prints JSON for a manifest that does not exist", async () => {
    const missing = path.join(await mkdtemp(path.join(os.tmpdir(), "edition-none-")), "edition.yaml");
    const { code, messages } = await checkJson(missing);
    expect(code).toBe(1);
    expect(messages).toEqual([expect.objectContaining({ severity: "error", file: expect.stringContaining("edition.yaml") })]);
    expect(messages[0]!.reason).toMatch(/edition\.yaml/);
  });

  it("prints JSON for a YAML alias bomb", async () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 9 }, (_, i) => `${"bcdefghij"[i]}: &${"bcdefghij"[i]} [${Array(10).fill(`*${"abcdefghi"[i]}`).join(", ")}]`)].join("\n");
    const sources = await sourcesFixture(`${bomb}\n${validManifest}`, fixtureTexts);
    const { code, messages } = await checkJson(path.join(sources, "edition.yaml"));
    expect(code).toBe(1);
    expect(messages.filter((message) => message.severity === "error").length).toBeGreaterThan(0);
  });
});

describe("the output folder", () => {
  const build = async (out: string, command = "build") => {
    const sources = await sourcesFixture(validManifest, fixtureTexts);
    return { sources, result: await cli([command, "--no-pdf", "--manifest", path.join(sources, "edition.yaml"), "--out", out]) };
  };

  it("may not be the root folder: nothing is written there", async () => {
    const before = await readdir("/");
    const { result } = await build("/");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: the output folder `\/` is the root folder/);
    expect(await readdir("/")).toEqual(before);
  });

  it.each(["/etc", "/usr", "/usr/local/share/edition", "/var", "/bin", "/tmp"])("may not be the system folder %s", async (out) => {
    const { result } = await build(out);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: the output folder `[^`]+` is (inside )?the system folder/);
    expect(existsSync("/usr/local/share/edition")).toBe(false);
  });

  it("may not reach a system folder through a symlink", async () => {
    const link = path.join(await mkdtemp(path.join(os.tmpdir(), "edition-link-")), "out");
    await symlink("/etc", link);
    const { result } = await build(link);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("the system folder /etc");
  });

  it("may not be inside the sources folder, for build or for watch (which would rebuild for ever)", async () => {
    for (const command of ["build", "watch"]) {
      const sources = await sourcesFixture(validManifest, fixtureTexts);
      const out = path.join(sources, "build");
      const result = await cli([command, "--no-pdf", "--manifest", path.join(sources, "edition.yaml"), "--out", out]);
      expect(result.code, command).toBe(1);
      expect(result.stderr).toContain("is inside the sources folder");
      expect(existsSync(out)).toBe(false);
      expect(await readdir(sources)).toEqual(["edition.yaml", "texts"]);
    }
  });

  it.each(["templates", "styles"])("may not be inside the project's %s folder", async (folder) => {
    const out = path.resolve(folder, "edition-out");
    const { result } = await build(out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`is inside the ${folder} folder`);
    expect(existsSync(out)).toBe(false);
  });

  it("may be a new folder under /tmp, or the sources' sibling", async () => {
    const out = path.join(await mkdtemp(path.join(os.tmpdir(), "edition-ok-")), "nested", "out");
    const { result, sources } = await build(out);
    expect(result.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(["fixture-edition.epub", "fixture-edition.html", "report.html", "site"]);
    const sibling = path.join(path.dirname(sources), `${path.basename(sources)}-build`);
    await writeFile(path.join(sources, "unused.txt"), "");
    expect((await cli(["build", "--no-pdf", "--manifest", path.join(sources, "edition.yaml"), "--out", sibling])).code).toBe(0);
  });
});
