// Every XHTML file of an EPUB, opened in Chromium as a reading system would,
// and the structure the tests check: language, headings, epub:type and roles.
import { mkdtemp, writeFile, mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import puppeteer from "puppeteer";
import { chromiumArgs, chromiumPath } from "../src/render/chromium.js";

export interface FileStructure {
  file: string;
  lang: string | null;
  xmlLang: string | null;
  headings: number[];
  /** Elements with an epub:type or a role; `landmark` is true for the links of the landmarks nav, whose types name their targets. */
  semantics: { tag: string; id: string; types: string[]; role: string | null; label: string | null; landmark: boolean }[];
}

export async function epubStructure(epub: Buffer): Promise<FileStructure[]> {
  const zip = await JSZip.loadAsync(epub);
  const dir = await mkdtemp(path.join(os.tmpdir(), "edition-epub-"));
  const files: string[] = [];
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), await entry.async("nodebuffer"));
    if (name.endsWith(".xhtml")) files.push(name);
  }
  const browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: "new", args: chromiumArgs });
  const structure: FileStructure[] = [];
  try {
    const page = await browser.newPage();
    for (const file of files.sort()) {
      await page.goto(`file://${path.join(dir, file)}`, { waitUntil: "load" });
      const shape = await page.evaluate(() => {
        const root = document.documentElement;
        return {
          lang: root.getAttribute("lang"),
          xmlLang: root.getAttributeNS("http://www.w3.org/XML/1998/namespace", "lang"),
          headings: [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((heading) => Number(heading.tagName.slice(1))),
          semantics: [...document.querySelectorAll("*")]
            .filter((element) => element.hasAttribute("role") || element.hasAttributeNS("http://www.idpf.org/2007/ops", "type"))
            .map((element) => ({
              tag: element.localName,
              id: element.id,
              types: (element.getAttributeNS("http://www.idpf.org/2007/ops", "type") ?? "").split(/\s+/).filter(Boolean),
              role: element.getAttribute("role"),
              label: element.getAttribute("aria-label"),
              landmark: (element.parentElement?.parentElement?.parentElement?.getAttributeNS("http://www.idpf.org/2007/ops", "type") ?? "") === "landmarks",
            })),
        };
      });
      structure.push({ file, ...shape });
    }
  } finally {
    await browser.close();
  }
  return structure;
}
