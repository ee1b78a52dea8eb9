// Confinement (issue 13, part 6): a text or data file whose real path, after
// every symbolic link, leaves the edition's folder is refused at its line in
// the manifest, through the command as an editor meets it. A temporary file
// stands in for /etc/passwd. (test/edges.test.ts checks the loader's
// messages for a linked text, texts folder, data file and CSL style.)
import { mkdir, mkdtemp, readdir, realpath, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadEdition } from "../src/manifest/load-edition.js";
import { displayPath } from "../src/manifest/yaml-data-file.js";
import { fixtureTexts, validManifest } from "./fixtures/manifests.js";
import type { VFileMessage } from "vfile-message";
import { cli, run, sourcesFixture } from "./helpers.js";

const secret = "root:x:0:0:TOPSECRET-4711:/root:/bin/bash\n";

/** A folder outside every edition holding a file that stands in for /etc/passwd. */
async function outsideFile(): Promise<string> {
  const outside = await mkdtemp(path.join(os.tmpdir(), "editions-outside-"));
  await writeFile(path.join(outside, "passwd"), secret);
  return path.join(outside, "passwd");
}

/** `edition build --no-pdf` of `dir/edition.yaml` into a fresh folder; the folder's contents after it. */
async function build(dir: string) {
  const out = await mkdtemp(path.join(os.tmpdir(), "editions-confined-out-"));
  const result = await cli(["build", "--no-pdf", "-m", path.join(dir, "edition.yaml"), "--out", out]);
  return { ...result, written: await readdir(out) };
}

describe("a text whose real path leaves the edition's folder", () => {
  it("is refused at its manifest line when texts/ holds a link to a file outside, and nothing is written", async () => {
    const passwd = await outsideFile();
    const dir = await sourcesFixture(validManifest, { "texts/second.txt": fixtureTexts["texts/second.txt"] });
    await symlink(passwd, path.join(dir, "texts", "first.txt"));
    const { code, stdout, stderr, written } = await build(dir);
    expect(code).toBe(1);
    expect(written).toEqual([]);
    expect(stderr).toContain(displayPath(path.join(dir, "edition.yaml")));
    // The text's `file:` value: line 15, column 11 of the fixture manifest.
    expect(stderr).toMatch(/15:11\s+error\s+text path `texts\/first\.txt` leads through a symbolic link out of the edition's folder/);
    expect(stderr).toContain(await realpath(passwd));
    expect(stderr).toContain("manifest-path-outside");
    expect(stdout + stderr).not.toContain("TOPSECRET");
  });

  it("is refused when a folder inside texts/ is a link to a folder outside", async () => {
    const passwd = await outsideFile();
    const dir = await sourcesFixture(validManifest.replace("texts/first.txt", "texts/linked/passwd"), { "texts/second.txt": fixtureTexts["texts/second.txt"] });
    await symlink(path.dirname(passwd), path.join(dir, "texts", "linked"));
    const { code, stderr, written } = await build(dir);
    expect(code).toBe(1);
    expect(written).toEqual([]);
    expect(stderr).toMatch(/15:11\s+error\s+text path `texts\/linked\/passwd` leads through a symbolic link out of the edition's folder/);
    expect(stderr).not.toContain("TOPSECRET");
  });

  it("is refused under check --json too, as one error at the manifest's line", async () => {
    const passwd = await outsideFile();
    const dir = await sourcesFixture(validManifest, { "texts/second.txt": fixtureTexts["texts/second.txt"] });
    await symlink(passwd, path.join(dir, "texts", "first.txt"));
    const result = await cli(["check", "--json", "-m", path.join(dir, "edition.yaml")]);
    expect(result.code).toBe(1);
    const messages = JSON.parse(result.stdout) as { file: string; line: number; column: number; ruleId: string; severity: string }[];
    expect(messages.map(({ file, line, column, ruleId, severity }) => ({ file, line, column, ruleId, severity }))).toEqual([
      { file: displayPath(path.join(dir, "edition.yaml")), line: 15, column: 11, ruleId: "manifest-path-outside", severity: "error" },
    ]);
    expect(result.stdout).not.toContain("TOPSECRET");
  });

  it("is refused when it is a chain of links whose last one leaves the folder", async () => {
    const passwd = await outsideFile();
    const dir = await sourcesFixture(validManifest, { "texts/second.txt": fixtureTexts["texts/second.txt"] });
    await symlink(passwd, path.join(dir, "hop.txt"));
    await symlink(path.join("..", "hop.txt"), path.join(dir, "texts", "first.txt"));
    const { code, stderr } = await build(dir);
    expect(code).toBe(1);
    expect(stderr).toContain("leads through a symbolic link out of the edition's folder");
  });
});

describe("a data file whose real path leaves the edition's folder", () => {
  it("is refused when the default corrections file beside the manifest is a link outside, naming it as the default", async () => {
    const passwd = await outsideFile();
    const dir = await sourcesFixture(validManifest, fixtureTexts);
    await symlink(passwd, path.join(dir, "corrections.yaml"));
    const { code, stderr, written } = await build(dir);
    expect(code).toBe(1);
    expect(written).toEqual([]);
    expect(stderr).toContain("default corrections path `corrections.yaml` leads through a symbolic link out of the edition's folder");
    expect(stderr).not.toContain("TOPSECRET");
  });

  it("is refused when a named names file lies in a linked folder, at the names line", async () => {
    const passwd = await outsideFile();
    const dir = await sourcesFixture(validManifest.replace("note: |", "names: data/passwd\nnote: |"), fixtureTexts);
    await symlink(path.dirname(passwd), path.join(dir, "data"));
    const { code, stderr } = await build(dir);
    expect(code).toBe(1);
    expect(stderr).toMatch(/11:8\s+error\s+names path `data\/passwd` leads through a symbolic link out of the edition's folder/);
  });
});

describe("links that stay inside", () => {
  it("reads an edition whose own folder is reached through a link", async () => {
    const dir = await sourcesFixture(validManifest, fixtureTexts);
    const link = path.join(await mkdtemp(path.join(os.tmpdir(), "editions-link-")), "edition-link");
    await symlink(dir, link);
    const edition = await loadEdition(path.join(link, "edition.yaml"));
    expect(String(edition.texts[0]!.value)).toBe(fixtureTexts["texts/first.txt"]);
  });

  it("reads a texts folder linked to another folder inside the edition", async () => {
    const dir = await sourcesFixture(validManifest, { "originals/first.txt": fixtureTexts["texts/first.txt"], "originals/second.txt": fixtureTexts["texts/second.txt"] });
    await symlink("originals", path.join(dir, "texts"));
    const { code, stderr } = await build(dir);
    expect(code, stderr).toBe(0);
  });
});

describe("a text path that is no regular file", () => {
  it.each([
    ["a folder", async (target: string) => mkdir(target), "is a folder, not a file"],
    ["a named pipe (reading it would wait for ever)", async (target: string) => void (await run("mkfifo", [target])), "is a device, pipe or socket, not a file"],
  ])("is refused when it is %s, at its line", async (_, make, what) => {
    const dir = await sourcesFixture(validManifest, { "texts/second.txt": fixtureTexts["texts/second.txt"] });
    await make(path.join(dir, "texts", "first.txt"));
    const error = await loadEdition(path.join(dir, "edition.yaml")).then(
      () => undefined,
      (reason: VFileMessage) => reason,
    );
    expect(error?.reason).toBe(`text path \`texts/first.txt\` ${what}`);
    expect([error?.line, error?.column]).toEqual([15, 11]);
  });
});
