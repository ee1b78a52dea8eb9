// `edition build` when nothing changed since the last build into the same
// folder (src/up-to-date.ts): it says the outputs are up to date and prints
// the last build's warnings; a changed source, an output whose bytes changed,
// other options or `--force` build again.
import { appendFile, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { persistRenderMemos } from "../src/watch/render-memo.js";
import { fixtureTexts, validManifest } from "./fixtures/manifests.js";
import { cli, sourcesFixture, unhyphenated } from "./helpers.js";

afterAll(() => persistRenderMemos(undefined));

describe("a build with nothing changed", () => {
  it("is said to be up to date, with the last build's warnings, until a source, an output or the options change", async () => {
    // A note call with no note: a warning to print again.
    const texts = { ...fixtureTexts, "texts/second.txt": "Only paragraph of the second text [1] with a note call and no note.\n" };
    const sources = await sourcesFixture(validManifest, texts);
    const manifest = path.join(sources, "edition.yaml");
    const out = await mkdtemp(path.join(os.tmpdir(), "edition-up-to-date-"));
    const env = { EDITION_NO_CACHE: "0", EDITION_CACHE_DIR: await mkdtemp(path.join(os.tmpdir(), "edition-up-to-date-cache-")) };
    const build = (...more: string[]) => cli(["build", "--no-pdf", "--no-site", "--manifest", manifest, "--out", out, ...more], env);
    const built = (result: { stdout: string; stderr: string }) => /wrote .*\.epub/.test(result.stdout + result.stderr);
    const upToDate = (result: { stdout: string; stderr: string }) => /up to date/.test(result.stdout + result.stderr);

    const first = await build();
    expect(first.code).toBe(0);
    expect(built(first)).toBe(true);
    expect(first.stderr).toMatch(/warning/);
    const epub = path.join(out, "fixture-edition.epub");
    const bytes = await readFile(epub);

    const again = await build();
    expect(again.code).toBe(0);
    expect(upToDate(again)).toBe(true);
    expect(built(again)).toBe(false);
    expect(again.stderr).toBe(first.stderr);

    // An output changed by hand: built again, and its bytes restored.
    await appendFile(epub, "x");
    expect(built(await build())).toBe(true);
    expect((await readFile(epub)).equals(bytes)).toBe(true);
    expect(upToDate(await build())).toBe(true);

    // `--force`, and other options, build.
    expect(built(await build("--force"))).toBe(true);
    expect(built(await cli(["build", "--no-pdf", "--manifest", manifest, "--out", out], env))).toBe(true);

    // A changed word in a source.
    expect(upToDate(await build())).toBe(false); // the last build into `out` had the site: these options were not its
    expect(upToDate(await build())).toBe(true);
    await writeFile(path.join(sources, "texts", "first.txt"), texts["texts/first.txt"].replace("first paragraph", "opening paragraph"));
    const changed = await build();
    expect(built(changed)).toBe(true);
    expect(unhyphenated(await readFile(path.join(out, "fixture-edition.html"), "utf8"))).toContain("opening paragraph");
  }, 120_000);
});
