// `<out>/site/`: the book's page and the web edition (./site-pages.ts), the
// stylesheet, the cover, and the downloads this build made, written as one
// folder that replaces the last one whole (../output.ts).
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Root } from "hast";
import type { Manifest } from "../manifest/manifest-schema.js";
import { writeFolderAtomically, type FolderEntry } from "../output.js";
import { projectRoot } from "../project-root.js";
import { renderCover } from "../render/cover.js";
import type { PageStart } from "../render/pdf.js";
import { siteFontFaces } from "./site-fonts.js";
import { eachSitePage, type Download } from "./site-pages.js";

export const siteFolder = "site";
const stylesheet = path.join(projectRoot, "styles", "site.css");

export interface SiteBuild {
  outDir: string;
  manifest: Manifest;
  book: Root;
  /** The outputs this build wrote; a PDF that was not made is left out (the page says so). */
  outputs: { epub: string; pdf?: string; screenPdf?: string };
  layout?: { pageStarts: PageStart[]; anchorPages: Record<string, number>; pageCount: number; printPageCount: number };
  log?: (line: string) => void;
  /** The cover (PNG); by default drawn as the EPUB's (cached), and left out if there is no browser. */
  cover?: Buffer | null;
  builtAt?: Date;
}

/** Write the site; returns its folder and the number of pages. */
export async function writeSite(build: SiteBuild): Promise<{ dir: string; pages: number }> {
  const log = build.log ?? (() => {});
  const { manifest, outputs, layout } = build;
  const made = async (kind: Download["kind"], file: string | undefined, pages?: number): Promise<Download> => {
    const size = file ? await stat(file).catch(() => undefined) : undefined;
    return size ? { kind, name: path.basename(file!), bytes: size.size, ...(pages ? { pages } : {}) } : { kind };
  };
  const downloads = [
    await made("epub", outputs.epub, layout?.pageStarts.length),
    await made("screen", outputs.screenPdf, layout?.pageCount),
    await made("print", outputs.pdf, layout?.printPageCount),
  ];
  let cover = build.cover;
  if (cover === undefined) {
    cover = await renderCover(manifest).catch((error: unknown) => {
      log(`the site has no cover image: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
      return null;
    });
  }
  const pages = eachSitePage(manifest, build.book, {
    pageStarts: layout?.pageStarts,
    anchorPages: layout?.anchorPages,
    downloads,
    cover: cover ? "cover.png" : undefined,
    builtAt: build.builtAt ?? new Date(),
  });
  const files = [outputs.epub, outputs.screenPdf, outputs.pdf];
  const fonts = await siteFontFaces();
  // One stylesheet: the face's rules, then the design.
  const css = [fonts.css, await readFile(stylesheet, "utf8")].join("\n");
  let count = 0;
  function* entries(): Generator<FolderEntry> {
    // The pages one by one (a long text's page is as long as the text), then the files they load.
    for (const page of pages) {
      count++;
      yield { path: page.path, data: page.html };
    }
    yield { path: "site.css", data: css };
    for (const font of fonts.files) yield { path: `fonts/${font.name}`, from: font.from };
    if (cover) yield { path: "cover.png", data: cover };
    for (const [index, download] of downloads.entries()) if (download.name) yield { path: `downloads/${download.name}`, from: files[index]! };
  }
  const dir = path.join(build.outDir, siteFolder);
  await writeFolderAtomically(dir, entries());
  return { dir, pages: count };
}
