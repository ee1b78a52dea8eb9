// bin/edition.js runs dist/ when it is at least as new as every source, and
// the sources through tsx, saying why, when it is missing or stale.
import { mkdir, mkdtemp, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: plain JavaScript beside the command, without types
import { chooseCode } from "../bin/choose-code.js";

async function checkout(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "edition-checkout-"));
  await mkdir(path.join(root, "src", "render"), { recursive: true });
  await writeFile(path.join(root, "src", "cli.ts"), "");
  await writeFile(path.join(root, "src", "render", "epub.ts"), "");
  return root;
}

const at = (root: string, file: string, seconds: number) => utimes(path.join(root, file), seconds, seconds);

describe("which code bin/edition.js runs", () => {
  it("runs the sources, saying so, without dist/", async () => {
    const root = await checkout();
    expect(chooseCode(root, {})).toMatchObject({ entry: path.join(root, "src", "cli.ts"), tsx: true, note: expect.stringMatching(/^dist\/ is missing .*npm run build:code/) });
  });

  it("runs dist/ when it is newer than every source, and the sources when one changed after it", async () => {
    const root = await checkout();
    await mkdir(path.join(root, "dist"));
    await writeFile(path.join(root, "dist", ".built"), "");
    for (const file of ["src", "src/render", "src/cli.ts", "src/render/epub.ts"]) await at(root, file, 1_000_000);
    await at(root, "dist/.built", 2_000_000);
    expect(chooseCode(root, {})).toEqual({ entry: path.join(root, "dist", "cli.js"), tsx: false });
    await at(root, "src/render/epub.ts", 3_000_000);
    expect(chooseCode(root, {})).toMatchObject({ tsx: true, note: expect.stringMatching(/^dist\/ is older than src\//) });
    // The tests' processes run the sources, without a note.
    expect(chooseCode(root, { EDITION_SOURCES: "1" })).toEqual({ entry: path.join(root, "src", "cli.ts"), tsx: true });
  });

  it("runs dist/ in an installed copy without sources", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "edition-installed-"));
    expect(chooseCode(root, {})).toEqual({ entry: path.join(root, "dist", "cli.js"), tsx: false });
  });
});
