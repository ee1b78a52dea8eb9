// EPUB 3 from the book tree: one XHTML file per division, the contents
// division as the navigation document (nested contents, landmarks and the
// print edition's page-list), a typographic cover, metadata from the
// manifest, and a zip that is the same bytes for the same sources.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { EPub, type Chapter, type Options } from "epub-gen-memory";
import "./epub-attributes.js";
import type { Element, ElementContent, Root } from "hast";
import { toXhtml } from "./to-xhtml.js";
import type { Element as XastElement } from "xast";
import { toXml } from "xast-util-to-xml";
import { guardXml } from "../book/sanitise.js";
import { h } from "hastscript";
import { divisionOf } from "../book/division.js";
import type { Manifest } from "../manifest/manifest-schema.js";
import { bookAuthors, sourceLine } from "../book/front-matter.js";
import { toString as hastToString } from "hast-util-to-string";
import { fileOfEachId, pointLinksAtFiles } from "./link-targets.js";
import { projectRoot } from "../project-root.js";
import { interfaceWords, type InterfaceWords } from "../book/words.js";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { rehypeEpubPageRefs } from "./epub-page-refs.js";
import { pageBreakId, rehypePageBreaks, type PlacedBreak } from "./page-breaks.js";
import type { PageStart } from "./pdf.js";
import { coverDescription, renderCover } from "./cover.js";
import { accessibilityMetadata, printEditionName } from "./epub-metadata.js";
import { defaultMaxFileBytes, splitAtChapters, splitDivision, type ChapterRun } from "./split-division.js";
import { chapterHeadings, headingTitle, textOutline, type OutlineNode } from "../book/chapters.js";
import { cloneWithoutPositions } from "./clone-tree.js";
import { processZipCache, zipEntries, type ZipEntry, type ZipEntryCache } from "./epub-zip.js";

const templates = path.join(projectRoot, "templates", "epub");
const styles = path.join(projectRoot, "styles");

const fileName = (division: Element) => `${divisionOf(division)!.id}.xhtml`;
const coverFile = "cover.xhtml";

export interface EpubOptions {
  /** Where each page of the print PDF starts (from renderPdf); without it, no page-list. */
  pageStarts?: PageStart[];
  /** With pageStarts: the page (index into pageStarts) each id starts on (from renderPdf), for the back matter's page numbers. */
  anchorPages?: Record<string, number>;
  /** The cover image (PNG); by default drawn by Chromium, and left out if there is none. */
  cover?: Buffer | null;
  /** The largest XHTML file in bytes (default 300,000): a division that would pass it is split into several files, at its section headings first. */
  maxFileBytes?: number;
  log?: (line: string) => void;
  /** Deflated entries kept by content (default: this process's cache, which `edition watch` rebuilds within). */
  zipCache?: ZipEntryCache;
}

/**
 * epub-gen-memory's package, zipped by ./epub-zip.ts: each entry is deflated
 * once and kept by its content, so a rebuild compresses only what changed,
 * and every entry has the same fixed date (the same sources give the same
 * bytes, cold or warm). Each chapter's HTML clean-up (epub-gen-memory parses
 * and writes it again) is kept by content too. Each chapter's normalised copy
 * goes once the chapters are templated, so only the templated copy is held
 * while the zip is made.
 */
class DatedEpub extends EPub {
  constructor(options: Options, chapters: Chapter[], normalisedChapters: { get(key: string): string | undefined; set(key: string, value: string): unknown }) {
    const keys = chapters.map((chapter) => (chapter.content.includes("<img") ? undefined : createHash("sha256").update(chapter.content).digest("base64")));
    const known = keys.map((key) => (key === undefined ? undefined : normalisedChapters.get(key)));
    super(
      options,
      chapters.map((chapter, index) => (known[index] === undefined ? chapter : { ...chapter, content: "" })),
    );
    this.content.forEach((chapter, index) => {
      const key = keys[index];
      if (known[index] !== undefined) chapter.content = known[index];
      else if (key !== undefined) normalisedChapters.set(key, chapter.content);
    });
  }

  async packed(date: Date, cache: ZipEntryCache): Promise<Buffer> {
    await this.render();
    for (const chapter of this.content) chapter.content = "";
    // As epub-gen-memory adds them: `mimetype` first (stored, as OCF requires), then the package; folders are implied by the names.
    const entries: ZipEntry[] = [];
    for (const [name, file] of Object.entries(this.zip.files)) {
      if (file.dir) continue;
      entries.push({ name, data: await file.async("uint8array"), store: name === "mimetype" });
    }
    return zipEntries(entries, date, cache);
  }
}

/**
 * The bytes `xhtml` takes once epub-gen-memory has written it again (dom-serializer in XML mode):
 * each character outside ASCII as a `&#x…;` reference, quotes as `&quot;`/`&apos;` and `>` as `&gt;` (an upper bound).
 */
function writtenBytes(xhtml: string): number {
  let bytes = xhtml.length;
  for (const [character] of xhtml.matchAll(/[^\x00-\x7f]/gu)) bytes += `&#x${character.codePointAt(0)!.toString(16)};`.length - character.length;
  for (const [character] of xhtml.matchAll(/["'>]/g)) bytes += character === ">" ? 3 : 5;
  return bytes;
}

interface Navigation {
  contents: Element;
  divisions: Element[];
  files: Map<string, string>;
  outlines: Map<Element, OutlineNode[]>;
  pageBreaks: PlacedBreak[];
  hasCover: boolean;
  words: InterfaceWords;
}

/** A text's outline as the navigation's nested list. */
function outlineList(nodes: OutlineNode[]): Element {
  return h(
    "ol",
    nodes.map(({ heading, children }) => h("li", [h("a", { href: `#${heading.properties.id}` }, headingTitle(heading)), ...(children.length ? [outlineList(children)] : [])])),
  );
}

/**
 * The NCX's navigation map (for EPUB 2 reading systems), nested as the
 * navigation document: each division the contents list, and under a text its
 * chapters and sections. Returns the navMap's points as XML and their depth.
 */
function ncxNavMap(divisions: Element[], outlines: Map<Element, OutlineNode[]>, files: Map<string, string>): { xml: string; depth: number } {
  let order = 0;
  let depth = 1;
  const point = (label: string, src: string, children: XastElement[]): XastElement => {
    const id = ++order;
    return {
      type: "element",
      name: "navPoint",
      attributes: { id: `nav-${id}`, playOrder: String(id) },
      children: [
        { type: "element", name: "navLabel", attributes: {}, children: [{ type: "element", name: "text", attributes: {}, children: [{ type: "text", value: label }] }] },
        { type: "element", name: "content", attributes: { src }, children: [] },
        ...children,
      ],
    };
  };
  const nested = (nodes: OutlineNode[], level: number): XastElement[] =>
    nodes.map(({ heading, children }) => {
      depth = Math.max(depth, level);
      const id = String(heading.properties.id);
      const self = point(headingTitle(heading), `${files.get(id)}#${id}`, []);
      self.children.push(...nested(children, level + 1));
      return self;
    });
  const points = divisions
    .filter((division) => divisionOf(division)!.inContents)
    .map((division) => {
      const self = point(divisionOf(division)!.title, fileName(division), []);
      self.children.push(...nested(outlines.get(division) ?? [], 2));
      return self;
    });
  // The same guard as every content document: `]]>` never raw, no XML-illegal character.
  return { xml: points.map((node) => guardXml(toXml(node, { closeEmptyElements: true, tightClose: true }))).join("\n"), depth };
}

function navigationDocument({ contents, divisions, files, outlines, pageBreaks, hasCover, words }: Navigation): string {
  const toc = structuredClone(contents);
  toc.properties.id = "toc";
  // The navigation document's own heading is its top level.
  for (const child of toc.children) if (child.type === "element" && /^h[1-6]$/.test(child.tagName)) child.tagName = "h1";
  // Page breaks of the contents pages stand before the list: a nav holds only a heading and a list.
  const contentsBreaks: Element[] = [];
  const takeBreaks = (node: Element) => {
    node.children = node.children.filter((child) => {
      if (child.type !== "element") return true;
      if (child.properties.role === "doc-pagebreak") {
        contentsBreaks.push(child);
        return false;
      }
      takeBreaks(child);
      return true;
    });
  };
  takeBreaks(toc);
  // Each text lists its chapters (and the sections within them) or its sections under it, in place of the contents' list of chapters.
  for (const entry of toc.children.flatMap((child) => (child.type === "element" && child.tagName === "ol" ? child.children : []))) {
    if (entry.type !== "element") continue;
    const link = entry.children.find((child): child is Element => child.type === "element" && child.tagName === "a");
    const division = divisions.find((node) => `#${divisionOf(node)!.id}` === link?.properties.href);
    const outline = division ? (outlines.get(division) ?? []) : [];
    if (!division || !outline.length) continue;
    entry.children = entry.children.filter((child) => !(child.type === "element" && child.tagName === "ol"));
    entry.children.push(outlineList(outline));
  }
  pointLinksAtFiles(toc, files, "toc.xhtml");

  const firstText = divisions.find((node) => divisionOf(node)!.part === "body")!;
  const backLandmark = (type: string) => divisions.find((node) => String(node.properties["epub:type"] ?? "").split(" ").includes(type));
  const landmarks = h("nav", { "epub:type": "landmarks", id: "landmarks", ariaLabelledBy: "landmarks-title", hidden: "hidden" }, [
    h("h2", { id: "landmarks-title" }, words.landmarks),
    h("ol", [
      ...(hasCover ? [h("li", h("a", { "epub:type": "cover", href: coverFile }, words.cover))] : []),
      h("li", h("a", { "epub:type": "toc", href: "toc.xhtml#toc" }, words.contents)),
      h("li", h("a", { "epub:type": "bodymatter", href: fileName(firstText) }, words.startOfTexts)),
      ...(["bibliography", "index"] as const).flatMap((type) => {
        const division = backLandmark(type);
        return division ? [h("li", h("a", { "epub:type": type, href: fileName(division) }, divisionOf(division)!.title))] : [];
      }),
    ]),
  ]);
  const pageList = pageBreaks.length
    ? [
        h("nav", { "epub:type": "page-list", id: "page-list", ariaLabelledBy: "page-list-title", hidden: "hidden" }, [
          h("h2", { id: "page-list-title" }, words.printPages),
          h(
            "ol",
            pageBreaks.map(({ folio, division }) => {
              const file = division === "contents" ? "toc.xhtml" : (files.get(pageBreakId(folio)) ?? `${division}.xhtml`);
              return h("li", h("a", { href: `${file}#${pageBreakId(folio)}` }, folio));
            }),
          ),
        ]),
      ]
    : [];
  return toXhtml([...contentsBreaks, toc, landmarks, ...pageList]);
}

async function coverImage(manifest: Manifest, options: EpubOptions, log: (line: string) => void): Promise<Buffer | null> {
  if (options.cover !== undefined) return options.cover;
  try {
    return await renderCover(manifest);
  } catch (error) {
    // A missing or failing browser costs the cover, not the EPUB.
    const reason = error instanceof Error ? error.message.split("\n")[0]! : String(error);
    log(`the EPUB has no cover image: ${reason.replace(/, so the PDF was not made\.$/, "")}`);
    return null;
  }
}

export async function renderEpub(manifest: Manifest, book: Root, options: EpubOptions = {}): Promise<Buffer> {
  const log = options.log ?? (() => {});
  const words = interfaceWords(manifest.language);
  const tree: Root = { type: "root", children: book.children.filter((node): node is Element => node.type === "element" && Boolean(divisionOf(node))).map((node) => cloneWithoutPositions(node)) };
  const pageBreaks: PlacedBreak[] = [];
  if (options.pageStarts && !options.anchorPages) throw new Error("the print pages of the anchors (anchorPages) must come with the page starts");
  const pages = options.pageStarts && options.anchorPages ? { folios: options.pageStarts.map((page) => page.folio), pageOf: new Map(Object.entries(options.anchorPages)) } : undefined;
  // The back matter's page numbers first, so it reads as in print when its own page starts are looked for.
  const processor = unified().use(rehypeEpubPageRefs, { pages });
  if (options.pageStarts) processor.use(rehypePageBreaks, { pageStarts: options.pageStarts, placed: pageBreaks });
  await processor.run(tree);
  const divisions = tree.children as Element[];
  const outlines = new Map(divisions.map((division) => [division, divisionOf(division)!.part === "body" ? textOutline(division) : []]));
  const contents = divisions.find((node) => divisionOf(node)!.id === "contents")!;
  // Each division as the files it is stored in: one, or several when it would pass the size limit.
  const maxFileBytes = options.maxFileBytes ?? defaultMaxFileBytes;
  const measured = new WeakMap<object, number>();
  const chaptersOf = new Map(divisions.map((division) => [division, divisionOf(division)!.part === "body" ? chapterHeadings(division) : []]));
  // Links are measured as they will be once pointed at their files: each `#id` may gain the longest file name (a chapter's file names are the longest).
  const stems = divisions.flatMap((division) => [fileName(division), ...chaptersOf.get(division)!.map((heading) => `${String(heading.properties.id)}.xhtml`)]);
  const linkRoom = Math.max(...stems.map((name) => Buffer.byteLength(name))) + "-part-9999".length;
  const size = (node: ElementContent): number => {
    let bytes = measured.get(node);
    if (bytes === undefined) {
      let links = 0;
      if (node.type === "element") visit(node, "element", (child) => void (typeof child.properties.href === "string" && child.properties.href.startsWith("#") && links++));
      bytes = node.type === "element" ? writtenBytes(toXhtml(node)) + links * linkRoom : node.type === "text" ? writtenBytes(node.value) : 0;
      measured.set(node, bytes);
    }
    return bytes;
  };
  const taken = new Set(divisions.map(fileName));
  const parts = divisions.map((division) => {
    const chapters = chaptersOf.get(division)!;
    // A text with chapters: one file per chapter, named by the chapter's section id; the opening keeps the division's file.
    const runs: ChapterRun[] =
      division === contents ? [{ parts: [division] }] : chapters.length ? splitAtChapters(division, chapters, maxFileBytes, size) : [{ parts: splitDivision(division, maxFileBytes, size) }];
    return runs.flatMap(({ chapter, parts: pieces }) => {
      const stem = chapter ? String(chapter.properties.id) : divisionOf(division)!.id;
      return pieces.map((element, index) => {
        const file = index === 0 ? `${stem}.xhtml` : `${stem}-part-${index + 1}.xhtml`;
        if ((index > 0 || chapter) && taken.has(file)) throw new Error(`the split file ${file} has the name of another file`);
        taken.add(file);
        return { element, file, division, title: chapter ? headingTitle(chapter) : divisionOf(division)!.title, continuation: index > 0 || Boolean(chapter) };
      });
    });
  });
  const partFiles = new Map(parts.flat().map((part) => [part.element, part.file]));
  const files = fileOfEachId(
    parts.flat().map((part) => part.element),
    (element) => partFiles.get(element)!,
  );

  const cover = await coverImage(manifest, options, log);
  const coverAlt = coverDescription(manifest);
  const coverPage = toXhtml(
    h("section", { className: ["cover"], "epub:type": "cover" }, [h("img", { src: "cover.png", alt: coverAlt, role: "doc-cover" })]),
  );
  const coverChapter: Chapter[] = cover
    ? // The chapter template writes `coverPage` in place of the content: epub-gen-memory's HTML clean-up would point its <img> at a download.
      [{ title: words.cover, content: "<p>cover</p>", filename: coverFile, beforeToc: true, excludeFromToc: true, coverPage } as Chapter]
    : [];

  // The navigation document first: each part's tree is let go once it is written out.
  const navHtml = navigationDocument({ contents, divisions, files, outlines, pageBreaks, hasCover: Boolean(cover), words });
  const navMap = ncxNavMap(divisions, outlines, files);
  // A split division's parts hold its children now: the division lets them go, so each part's tree is freed once written.
  for (const part of parts.flat()) if (part.element !== part.division) part.division.children = [];
  const chapters: Chapter[] = [
    ...coverChapter,
    ...parts
      .flat()
      .filter((part) => part.division !== contents)
      .map(({ element, file, division: node, title, continuation }) => {
        const division = divisionOf(node)!;
        pointLinksAtFiles(element, files, file);
        const content = toXhtml(element);
        element.children = [];
        return {
          title,
          content,
          filename: file,
          beforeToc: division.part === "front",
          // A chapter's or a continuation's file is in the spine, in order, but not listed as a division: its headings are listed under the division.
          excludeFromToc: !division.inContents || continuation,
        };
      }),
  ];

  const template = (name: string) => readFile(path.join(templates, name), "utf8");
  const authors = bookAuthors(manifest);
  const hasDivision = (type: string) => divisions.some((node) => String(node.properties["epub:type"] ?? "").split(" ").includes(type));
  const settings = {
    title: manifest.title,
    subtitle: manifest.subtitle ?? "",
    author: authors,
    creators: [...authors.map((name) => ({ name, role: "aut" })), ...(manifest.editor ? [{ name: manifest.editor, role: "edt" }] : [])],
    publisher: manifest.publisher ?? "",
    description: manifest.description,
    subject: manifest.subject,
    rights: manifest.rights,
    identifier: manifest.identifier,
    sources: manifest.texts.map((text) => hastToString(h("p", sourceLine(text) as ElementContent[]))),
    printEdition: pageBreaks.length ? printEditionName(manifest) : "",
    pageCount: pageBreaks.length,
    accessibility: accessibilityMetadata({
      hasCover: Boolean(cover),
      hasIndex: hasDivision("index"),
      hasPageList: pageBreaks.length > 0,
      printEdition: printEditionName(manifest),
      ...(manifest.accessibility ? { certification: manifest.accessibility } : {}),
    }),
    lang: manifest.language,
    date: manifest.revised,
    revised: manifest.revised,
    modified: `${manifest.revised}T00:00:00Z`,
    tocTitle: words.contents,
    navHtml,
    ncxNavMap: navMap.xml,
    ncxDepth: navMap.depth,
    prependChapterTitles: false,
    numberChaptersInTOC: false,
    version: 3,
    verbose: false,
    ...(cover ? { cover: new File([new Uint8Array(cover)], "cover.png", { type: "image/png" }) } : {}),
    coverAlt,
    css: await readFile(path.join(styles, "epub.css"), "utf8"),
    contentOPF: await template("content.opf.ejs"),
    chapterXHTML: await template("chapter.xhtml.ejs"),
    tocXHTML: await template("nav.xhtml.ejs"),
    tocNCX: await template("toc.ncx.ejs"),
  };
  const zipCache = options.zipCache ?? processZipCache;
  const epub = new DatedEpub(settings as Options, chapters, zipCache.chapters);
  // epub-gen-memory holds its own (normalised) copy of each chapter now: ours goes.
  for (const chapter of chapters) chapter.content = "";
  return epub.packed(new Date(`${manifest.revised}T00:00:00Z`), zipCache);
}
