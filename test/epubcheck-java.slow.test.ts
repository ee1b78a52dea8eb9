// Debian's EPUBCheck (Java, about 10 s here) on the edition's EPUB. The
// in-process epubcheck-ts check of the same file is in epub.edition.test.ts.
import { describe, expect, inject, it } from "vitest";
import { run } from "./helpers.js";

const { epub } = inject("edition");

describe("the EPUB", () => {
  it("passes Debian's EPUBCheck with no error and no warning", async () => {
    const { stdout, stderr } = await run("java", ["-jar", "/usr/share/java/epubcheck.jar", epub]).catch((error) => error);
    const output = `${stdout}\n${stderr}`;
    expect(output).toContain("Messages: 0 fatals / 0 errors / 0 warnings");
    expect(output).toContain("No errors or warnings detected.");
  });
});
