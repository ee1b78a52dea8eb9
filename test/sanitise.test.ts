// The output sanitiser: XML-illegal characters, `]]>` and link schemes, on
// small trees and through a whole build of a hostile fixture edition.
import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Root } from "hast";
import { h } from "hastscript";
import JSZip from "jszip";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { build } from "../src/build.js";
import { guardXml, isAllowedLink, rehypeSanitise, stripXmlIllegal } from "../src/book/sanitise.js";
import { checkEpub } from "../src/render/epub-check.js";
import { toXhtml } from "../src/render/to-xhtml.js";
import { fixtureTexts, validManifest } from "./fixtures/manifests.js";
import { sourcesFixture } from "./helpers.js";

describe("the sanitiser's rules", () => {
  it("removes the characters XML 1.0 forbids and keeps every other", () => {
    expect(stripXmlIllegal("a\u0001b\u0008c\u000Bd\u000Ce\u001Ff\uFFFEg\uFFFFh")).toBe("abcdefgh");
    expect(stripXmlIllegal("tab\tLF\nCR\r é — “q” 😀 \u00A0")).toBe("tab\tLF\nCR\r é — “q” 😀 \u00A0");
    // Lone surrogates go, a pair (😀 is \uD83D\uDE00) stays.
    expect(stripXmlIllegal("x\uD83Dy\uDE00z\uD83D\uDE00")).toBe("xyz\uD83D\uDE00");
  });

  it("allows http, https, mailto and links within the book, and nothing else", () => {
    for (const href of ["https://example.org/", "http://example.org", "mailto:a@b.c", "#note-1", "text-first.xhtml#p3", "HTTPS://EXAMPLE.ORG"]) {
      expect(isAllowedLink(href), href).toBe(true);
    }
    for (const href of ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)", "data:text/html,<script>", "vbscript:x", "file:///etc/passwd", "//evil.example/"]) {
      expect(isAllowedLink(href), href).toBe(false);
    }
  });

  it("never lets `]]>` or an illegal character out of the XHTML writer", () => {
    const xhtml = toXhtml(h("p", { title: "a ]]> b" }, ["x ]]> y \uFFFE z"]));
    expect(xhtml).not.toContain("]]>");
    expect(xhtml).not.toMatch(/\uFFFE|&#xFFFE;/i);
    expect(xhtml).toContain("x ]]&gt; y  z");
    expect(guardXml("<a>]]></a>")).toBe("<a>]]&gt;</a>");
  });

  it("reports a removed character at its place in the raw text, and a refused link with its text kept", () => {
    const raw = "Line one.\nA bad \u0001 character.\n";
    const file = new VFile({ path: "texts/t.txt", value: raw });
    const manifestFile = new VFile({ path: "edition.yaml" });
    const text = { type: "text" as const, value: "A bad \u0001 character.", position: { start: { line: 2, column: 1, offset: 10 }, end: { line: 2, column: 23, offset: 32 } } };
    const division = h("section", [h("p", [text]), h("p", [h("a", { href: "javascript:alert(1)" }, "the link's words")])]);
    division.data = { division: { id: "text-t", part: "body", title: "T", inContents: true } };
    const tree: Root = { type: "root", children: [division] };
    rehypeSanitise({ fileOf: (d) => (d.id === "text-t" ? file : undefined) })(tree, manifestFile);
    expect(text.value).toBe("A bad  character.");
    expect(file.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([["output-xml-character", 2, 7]]);
    expect(toXhtml(division)).toContain("<p>the link's words</p>");
    // The link has no place in the raw text: it is reported on the manifest, naming the division.
    expect(manifestFile.messages.map((m) => m.ruleId)).toEqual(["output-link-scheme"]);
    expect(manifestFile.messages[0]!.reason).toMatch(/`javascript:alert\(1\)`.*\(in “T”\)/);
  });
});

describe("a hostile edition", async () => {
  const manifest = validManifest
    .replace("title: A Fixture", 'title: "A Fixture ]]> with \\uFFFE and \\x01"')
    .replace("title: The first text", 'title: "The first ]]> text"')
    .replace("  A note in *Markdown*.", "  A note in *Markdown* with [a bad link](javascript:alert(1)) and [a good one](https://example.org/).")
    .replace("      site: An Archive", '      site: An Archive\n      url: "javascript:alert(document.cookie)"');
  const filler = Array.from({ length: 12 }, (_, index) => `Filler paragraph ${index + 1}, long enough to keep the share of control characters small.\n`).join("\n");
  const sources = await sourcesFixture(manifest, {
    ...fixtureTexts,
    "texts/first.txt": `${fixtureTexts["texts/first.txt"]}\nA paragraph with a control \u0001 character and ]]> in it.\n\n${filler}`,
  });
  const out = await mkdtemp(path.join(os.tmpdir(), "edition-hostile-"));
  const result = await build({ manifestPath: path.join(sources, "edition.yaml"), outDir: out, pdf: false });
  const epub = await readFile(result.outputs.epub);
  const zip = await JSZip.loadAsync(epub);
  const xmlEntries = await Promise.all(
    Object.keys(zip.files)
      .filter((name) => /\.(xhtml|opf|ncx|xml)$/.test(name))
      .map(async (name) => [name, await zip.file(name)!.async("string")] as const),
  );
  const printHtml = await readFile(result.outputs.html, "utf8");

  it("builds an EPUB that EPUBCheck accepts", async () => {
    expect((await checkEpub(new Uint8Array(epub))).errors).toEqual([]);
  });

  it("writes no `]]>` and no XML-illegal character, raw or as a reference, into any XML file", () => {
    expect(xmlEntries.length).toBeGreaterThan(5);
    for (const [name, xml] of xmlEntries) {
      expect(xml, name).not.toContain("]]>");
      expect(xml, name).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|&#x(FFFE|FFFF|0?[0-8BCEF]|1[0-9A-F]);/i);
    }
    // The titles are still there, escaped.
    expect(xmlEntries.find(([name]) => name === "OEBPS/toc.xhtml")![1]).toContain("The first ]]&gt; text");
  });

  it("makes no live link of a `javascript:` url or note link, in the EPUB or the print HTML (which the PDFs are made from), and keeps their text", () => {
    for (const [name, xml] of xmlEntries) expect(xml, name).not.toMatch(/javascript/i);
    expect(printHtml).not.toMatch(/javascript/i);
    expect(printHtml).toContain("a bad link");
    expect(printHtml).toContain('<a href="https://example.org/">a good one</a>');
    expect(printHtml).toMatch(/Text from An Archive\./);
  });

  it("reports each removal as a warning at its raw place where it is known", () => {
    const [manifestFile, ...rest] = result.edition.files;
    const first = rest.find((file) => file.path.endsWith("first.txt"))!;
    const messages = (file: VFile) => file.messages.filter((m) => m.source === "output").map((m) => `${m.line ?? ""}:${m.column ?? ""} ${m.ruleId}`);
    // The title's value (line 2) and the url's (line 23) in edition.yaml; the note's link has no line of its own there.
    expect(messages(manifestFile!).sort()).toEqual(["23:12 output-link-scheme", "2:8 output-xml-character", ": output-link-scheme"]);
    // Line 6 of the text, after "A paragraph with a control ".
    expect(messages(first)).toEqual(["6:28 output-xml-character"]);
    expect([...manifestFile!.messages, ...first.messages].filter((m) => m.source === "output").every((m) => !m.fatal)).toBe(true);
  });
});
