// Back-matter page references (`a.page-ref`, used by the index and by any
// back-matter list that cites pages), filled in print by
// src/render/browser/page-map.js before the back matter is laid out.
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Element, Root } from "hast";
import { h } from "hastscript";
import { describe, expect, it } from "vitest";
import { loadEdition } from "../src/manifest/load-edition.js";
import { renderPdf } from "../src/render/pdf.js";
import { renderPrintHtml } from "../src/render/print-html.js";
import { folioOf, run } from "./helpers.js";

function division(node: Element, id: string, part: "body" | "back"): Element {
  node.data = { division: { id, part, title: id, inContents: false } };
  return node;
}

describe("page references in the back matter", () => {
  it("get the folio of their target's page, single or as a list of ranges, each page once", async () => {
    const { manifest } = await loadEdition("sources/edition.yaml");
    const filler = (n: number) => h("p", `Paragraph ${n}. ${"Words to fill the page and push the targets onto later pages. ".repeat(6)}`);
    const body = division(
      h("section", { id: "body", className: ["division", "text"] }, [
        ...Array.from({ length: 12 }, (_, i) => filler(i)),
        h("p", ["Here stands ", h("span", { id: "alpha" }, "ALPHATARGET"), " first."]),
        ...Array.from({ length: 12 }, (_, i) => filler(i + 12)),
        h("p", ["Then ", h("span", { id: "beta" }, "BETATARGET"), " and again ", h("span", { id: "beta2" }, "BETATARGET"), "."]),
        // print.css breaks the page before `.front-matter`.
        h("div", { className: ["front-matter"] }, h("p", ["Next page ", h("span", { id: "gamma" }, "GAMMATARGET"), "."])),
      ]),
      "body",
      "body",
    );
    const back = division(
      h("section", { id: "back", className: ["division", "back-matter"] }, [
        h("p", ["Single: ", h("a", { className: ["page-ref"], href: "#alpha" }), "."]),
        h("p", ["List", h("span", { className: ["page-ref-list"] }, [" ", h("a", { className: ["page-ref"], href: "#beta" }, "1"), ", ", h("a", { className: ["page-ref"], href: "#beta2" }, "2"), ", ", h("a", { className: ["page-ref"], href: "#gamma" }, "3")]), "."]),
      ]),
      "back",
      "back",
    );
    const book: Root = { type: "root", children: [body, back] };
    const { pdf } = await renderPdf(manifest, await renderPrintHtml(manifest, book));
    const dir = await mkdtemp(path.join(os.tmpdir(), "page-refs-"));
    const file = path.join(dir, "refs.pdf");
    await writeFile(file, pdf);
    const { stdout } = await run("pdftotext", ["-layout", file, "-"]);
    // The print HTML's soft hyphens (U+00AD) stay in the PDF's text.
    const pages = stdout.replace(/\u00AD/g, "").split("\f");
    const folioWith = (word: string) => folioOf(pages.find((page) => page.includes(word))!);
    const [alpha, beta, gamma] = [folioWith("ALPHATARGET"), folioWith("BETATARGET"), folioWith("GAMMATARGET")];
    expect(Number(beta)).toBeGreaterThan(Number(alpha));
    const backText = pages.find((page) => page.includes("Single:"))!.replace(/\s+/g, " ");
    expect(backText).toContain(`Single: ${alpha}.`);
    // beta and beta2 share a page: listed once; gamma on the next page joins it in a range.
    expect(Number(gamma), "the fixture puts gamma on the page after beta").toBe(Number(beta) + 1);
    expect(backText).toContain(`List, ${beta}–${gamma}.`);
  });
});
