// The web edition: the book's page (`index.html`: cover, title, contents,
// downloads, corrections) and one HTML page per text and back-matter section
// (`read/`), serialised from the same hast tree as the EPUB, with the same
// print page numbers and page-break markers where a PDF was made. Links
// between divisions are pointed at the page that holds their target, as the
// EPUB points them at its files. Pure: the files are written by ./write-site.ts.
import path from "node:path/posix";
import type { Element, ElementContent, Root } from "hast";
import { h } from "hastscript";
import { toHtml } from "hast-util-to-html";
import { toString as hastToString } from "hast-util-to-string";
import { selectAll } from "hast-util-select";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import { divisionOf } from "../book/division.js";
import { bookAuthors, fullTitle } from "../book/front-matter.js";
import type { Manifest } from "../manifest/manifest-schema.js";
import { trimSizes } from "../manifest/manifest-schema.js";
import { cloneWithoutPositions } from "../render/clone-tree.js";
import { rehypeEpubPageRefs } from "../render/epub-page-refs.js";
import { rehypePageBreaks, type PlacedBreak } from "../render/page-breaks.js";
import type { PageStart } from "../render/pdf.js";
import { siteWords, type SiteWords } from "./site-words.js";
import { contentJson, Memo, memoKey } from "../watch/render-memo.js";

/** Each reading page kept by what it is made from (its division with its links pointed, its neighbours, the manifest). */
export const readingPages = new Memo<string>("site-pages", 16 * 1024 * 1024);

export type DownloadKind = "epub" | "screen" | "print";

/** One download of the book page: a file made by this build, or one that was not made. */
export interface Download {
  kind: DownloadKind;
  /** The file's name in the site's `downloads/` folder; absent when it was not made. */
  name?: string;
  bytes?: number;
  /** Pages of a PDF; for the EPUB, the print pages its page-list gives. */
  pages?: number;
}

export interface SiteOptions {
  /** Where each print page starts and the page each id starts on (from the PDF's render); without them, no print page numbers. */
  pageStarts?: PageStart[];
  anchorPages?: Record<string, number>;
  downloads: Download[];
  /** The cover image's file name in the site, when there is one. */
  cover?: string;
  /** When the site was built (the page says so). */
  builtAt: Date;
  /** The stylesheet's file name in the site. */
  stylesheet?: string;
}

export interface SitePage {
  /** Path inside the site, with `/`. */
  path: string;
  html: string;
}

export const bookPage = "index.html";
export const readFolder = "read";

/** Front matter that the book page stands for: its ids lead there. */
const onBookPage = new Set(["half-title", "title-page", "contents"]);

/** A page's file stem: the division's id; `index` is a folder's default page on a web server, so the index of names does not take it. */
const pageStem = (id: string) => (id === "index" ? "book-index" : id);

const text = (value: string): ElementContent => ({ type: "text", value });

/** The built site's pages, in reading order after the book page. */
export function sitePages(manifest: Manifest, book: Root, options: SiteOptions): SitePage[] {
  return [...eachSitePage(manifest, book, options)];
}

/** The pages one at a time: each page's HTML, and its part of the copied tree, can go once it is written. */
export function* eachSitePage(manifest: Manifest, book: Root, options: SiteOptions): Generator<SitePage> {
  const words = siteWords(manifest.language);
  const stylesheet = options.stylesheet ?? "site.css";
  const tree: Root = { type: "root", children: book.children.filter((node): node is Element => node.type === "element" && Boolean(divisionOf(node))).map((node) => cloneWithoutPositions(node)) };
  if (options.pageStarts && !options.anchorPages) throw new Error("the print pages of the anchors (anchorPages) must come with the page starts");
  const pages = options.pageStarts && options.anchorPages ? { folios: options.pageStarts.map((page) => page.folio), pageOf: new Map(Object.entries(options.anchorPages)) } : undefined;
  // As the EPUB: the back matter's print page numbers first, then a marker where each print page starts.
  const processor = unified().use(rehypeEpubPageRefs, { pages });
  const placed: PlacedBreak[] = [];
  if (options.pageStarts) processor.use(rehypePageBreaks, { pageStarts: options.pageStarts, placed });
  processor.runSync(tree);
  const divisions = tree.children as Element[];
  for (const division of divisions) webOnly(division, words);

  const contents = divisions.find((division) => divisionOf(division)!.id === "contents");
  const read = divisions.filter((division) => !onBookPage.has(divisionOf(division)!.id));
  const pageOfDivision = new Map(read.map((division) => [division, `${readFolder}/${pageStem(divisionOf(division)!.id)}.html`]));
  // Every id, the page that holds it; a division's own id is its page, without a fragment.
  const pageOfId = new Map<string, string>();
  const pageRoots = new Set<string>();
  for (const division of divisions) {
    const page = pageOfDivision.get(division) ?? bookPage;
    pageRoots.add(divisionOf(division)!.id);
    visit(division, "element", (node) => {
      if (typeof node.properties.id === "string") pageOfId.set(node.properties.id, page);
    });
  }
  if (contents) pageOfId.set("contents", bookPage), pageRoots.delete("contents");
  const link = (href: string, from: string) => relativeHref(href, from, pageOfId, pageRoots);

  // Reading order: the texts and the back matter, then front matter that has a page of its own (the copyright page) at the end of the chain's reach.
  const settings = JSON.stringify({ manifest, words });
  const chain = read.filter((division) => divisionOf(division)!.part !== "front");
  yield { path: bookPage, html: bookPageHtml(manifest, words, { contents, divisions, chain, pageOfDivision, link, options, stylesheet }) };
  for (const division of read) {
    const page = pageOfDivision.get(division)!;
    const at = chain.indexOf(division);
    const neighbour = (index: number) => {
      const other = chain[index];
      return other ? { href: path.relative(path.dirname(page), pageOfDivision.get(other)!), title: divisionOf(other)!.title } : undefined;
    };
    // The first text's previous page is the book page with its contents.
    const previous = at === -1 ? undefined : at === 0 ? { href: path.relative(path.dirname(page), bookPage), title: words.contents } : neighbour(at - 1);
    const next = at === -1 ? undefined : neighbour(at + 1);
    pointLinks(division, (href) => link(href, page));
    const made = () => readingPageHtml(manifest, words, { division, page, previous, next, stylesheet });
    yield { path: page, html: readingPages.through(memoKey(settings, contentJson(division), JSON.stringify({ page, previous, next, stylesheet })), made) };
    division.children = [];
  }
}

/** A `#id` link as seen from the page `from`: the same page keeps the fragment alone; a division's own id is its page. */
function relativeHref(href: string, from: string, pageOfId: Map<string, string>, pageRoots: Set<string>): string {
  if (!href.startsWith("#")) return href;
  const id = href.slice(1);
  const target = pageOfId.get(id);
  if (!target) throw new Error(`link to missing anchor ${href}`);
  if (target === from) return href;
  const relative = path.relative(path.dirname(from), target);
  return pageRoots.has(id) ? relative : `${relative}${href}`;
}

function pointLinks(tree: Element, point: (href: string) => string): void {
  visit(tree, "element", (node) => {
    if (typeof node.properties.href === "string") node.properties.href = point(node.properties.href);
  });
}

const blockTags = new Set(["address", "article", "aside", "blockquote", "div", "dl", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "nav", "ol", "p", "section", "table", "ul"]);

/**
 * What the web needs of the book's tree: no `epub:type` (not HTML), and each
 * print-page marker visible, named for what it is, inline in a paragraph or
 * as a line of its own between blocks.
 */
function webOnly(division: Element, words: SiteWords): void {
  visit(division, "element", (node, _index, parent) => {
    delete node.properties["epub:type"];
    if (node.properties.role !== "doc-pagebreak") return;
    const folio = String(node.properties.ariaLabel ?? "");
    const between = parent?.type === "element" && parent.children.some((child) => child.type === "element" && blockTags.has(child.tagName));
    // Named by its title: axe-core reads a DPUB role on a span as no role, on which aria-label is not allowed.
    delete node.properties.ariaLabel;
    node.properties.title = words.printPage(folio);
    node.properties.className = ["page-marker", ...(between ? ["page-marker-block"] : [])];
    node.properties.dataFolio = folio;
  });
}

interface Neighbour {
  href: string;
  title: string;
}

function document(manifest: Manifest, words: SiteWords, page: { title: string; path: string; stylesheet: string; head?: Element[]; body: ElementContent[] }): string {
  const up = path.relative(path.dirname(page.path), ".") || ".";
  const root: Root = {
    type: "root",
    children: [
      { type: "doctype" },
      h("html", { lang: manifest.language }, [
        h("head", [
          h("meta", { charset: "utf-8" }),
          h("meta", { name: "viewport", content: "width=device-width, initial-scale=1" }),
          h("meta", { name: "color-scheme", content: "light dark" }),
          h("title", page.title),
          h("link", { rel: "stylesheet", href: path.join(up, page.stylesheet) }),
          // No icon: without this line a browser asks every host for /favicon.ico.
          h("link", { rel: "icon", href: "data:," }),
          ...(page.head ?? []),
        ]),
        h("body", [h("a", { className: ["skip-link"], href: "#main" }, words.skipToContent), ...page.body]),
      ]),
    ],
  };
  return `${toHtml(root)}\n`;
}

function siteFooter(manifest: Manifest, words: SiteWords, extra: ElementContent[] = []): Element {
  return h("footer", { className: ["site-footer"] }, [h("p", [`${fullTitle(manifest)}.${manifest.publisher ? ` ${manifest.publisher},` : ""} ${manifest.revised.slice(0, 4)}.`, ...extra])]);
}

function readingPageHtml(
  manifest: Manifest,
  words: SiteWords,
  { division, page, previous, next, stylesheet }: { division: Element; page: string; previous?: Neighbour; next?: Neighbour; stylesheet: string },
): string {
  const info = divisionOf(division)!;
  const home = path.relative(path.dirname(page), bookPage);
  // A page without a heading of its own (the copyright page) is given its division's title.
  const hasHeading = division.children.some((child) => child.type === "element" && (child.tagName === "h1" || (child.tagName === "header" && child.children.some((inner) => inner.type === "element" && inner.tagName === "h1"))));
  if (!hasHeading) division.children.unshift(h("h1", { className: ["page-title"] }, info.title));
  const pager = (neighbour: Neighbour | undefined, rel: "prev" | "next") =>
    neighbour ? [h("a", { rel, href: neighbour.href, className: [`pager-${rel}`] }, [h("span", { className: ["pager-label"] }, rel === "prev" ? words.previous : words.next), " ", h("span", { className: ["pager-title"] }, neighbour.title)])] : [];
  return document(manifest, words, {
    title: `${info.title} — ${manifest.title}`,
    path: page,
    stylesheet,
    head: [...(previous ? [h("link", { rel: "prev", href: previous.href })] : []), ...(next ? [h("link", { rel: "next", href: next.href })] : [])],
    body: [
      h("header", { className: ["site-header"] }, [
        h("nav", { ariaLabel: words.book }, [h("a", { href: home, className: ["site-title"] }, manifest.title), " ", h("a", { href: `${home}#contents` }, words.contents)]),
      ]),
      h("main", { id: "main", className: ["reading", `reading-${info.part}`] }, [division]),
      ...(previous || next ? [h("nav", { className: ["pager"], ariaLabel: words.pager }, [...pager(previous, "prev"), ...pager(next, "next")])] : []),
      siteFooter(manifest, words),
    ],
  });
}

/** A size in bytes as readers read it: `840 kB`, `2.4 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

const mediaTypes: Record<DownloadKind, string> = { epub: "application/epub+zip", screen: "application/pdf", print: "application/pdf" };

function downloadItem(download: Download, manifest: Manifest, words: SiteWords): Element {
  const label = { epub: words.epub, screen: words.screenPdf, print: words.printPdf }[download.kind];
  if (!download.name || download.bytes === undefined) return h("li", { className: ["download", "download-missing"] }, [h("span", { className: ["download-label"] }, label), " ", h("span", { className: ["download-facts"] }, words.notMade)]);
  const size = trimSizes[manifest.trim];
  const trim = `${size.width} × ${size.height}`.replace(/(\d)(in|mm)\b/g, "$1\u00a0$2");
  const facts = [
    words.bytes(formatBytes(download.bytes)),
    ...(download.kind !== "epub" && download.pages ? [words.pages(download.pages)] : []),
    ...(download.kind === "epub" && download.pages ? [words.epubPageList] : []),
    ...(download.kind === "screen" ? [words.screenFacts] : download.kind === "print" ? [words.printFacts(trim)] : []),
  ];
  return h("li", { className: ["download", `download-${download.kind}`] }, [
    h("a", { href: `downloads/${download.name}`, type: mediaTypes[download.kind], download: "", dataBytes: String(download.bytes), ...(download.pages ? { dataPages: String(download.pages) } : {}) }, label),
    " ",
    h("span", { className: ["download-facts"] }, facts.join(" · ")),
  ]);
}

/** The corrections the editorial note lists, counted by text (each entry of its list names the text first). */
function correctionsByText(divisions: Element[]): { title: string; count: number }[] {
  const note = divisions.find((division) => divisionOf(division)!.id === "editorial-note");
  const counts = new Map<string, number>();
  // The entry's first element is its text's title, unless a print page begins at the entry (its marker comes first).
  for (const entry of note ? selectAll("ul.corrections > li", note) : []) {
    const cite = entry.children.find((child): child is Element => child.type === "element" && child.properties.role !== "doc-pagebreak");
    if (cite?.tagName !== "cite") continue;
    const title = hastToString(cite);
    counts.set(title, (counts.get(title) ?? 0) + 1);
  }
  return [...counts].map(([title, count]) => ({ title, count }));
}

function bookPageHtml(
  manifest: Manifest,
  words: SiteWords,
  context: {
    contents?: Element;
    divisions: Element[];
    chain: Element[];
    pageOfDivision: Map<Element, string>;
    link: (href: string, from: string) => string;
    options: SiteOptions;
    stylesheet: string;
  },
): string {
  const { contents, divisions, chain, pageOfDivision, link, options } = context;
  let list: Element | undefined;
  if (contents) {
    // The contents' own print-page markers stay in the EPUB's navigation: here the list stands alone.
    visit(contents, "element", (node) => {
      node.children = node.children.filter((child) => !(child.type === "element" && child.properties.role === "doc-pagebreak"));
    });
    pointLinks(contents, (href) => link(href, bookPage));
    const heading = contents.children.find((child): child is Element => child.type === "element" && /^h[1-6]$/.test(child.tagName));
    // The book's title is the page's one h1.
    if (heading) Object.assign(heading, { tagName: "h2" }).properties.id = "contents-title";
    if (heading) contents.properties.ariaLabelledBy = ["contents-title"];
    list = contents;
  }
  const first = chain[0];
  const corrections = correctionsByText(divisions);
  const total = corrections.reduce((sum, entry) => sum + entry.count, 0);
  const note = divisions.find((division) => divisionOf(division)!.id === "editorial-note");
  const built = options.builtAt;
  const day = built.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  const time = built.toISOString().slice(11, 16);
  return document(manifest, words, {
    title: fullTitle(manifest),
    path: bookPage,
    stylesheet: context.stylesheet,
    head: [h("meta", { name: "description", content: manifest.description })],
    body: [
      h("main", { id: "main", className: ["book"] }, [
        h("header", { className: ["book-header"] }, [
          ...(options.cover ? [h("img", { className: ["cover"], src: options.cover, alt: "", width: 1600, height: 2400 })] : []),
          h("div", { className: ["book-facts"] }, [
            h("h1", { className: ["book-title"] }, manifest.title),
            ...(manifest.subtitle ? [h("p", { className: ["book-subtitle"] }, manifest.subtitle)] : []),
            h("p", { className: ["book-authors"] }, words.by(bookAuthors(manifest))),
            h("p", { className: ["book-description"] }, manifest.description),
            ...(first ? [h("p", { className: ["read-online"] }, h("a", { href: pageOfDivision.get(first)! }, words.readOnline))] : []),
          ]),
        ]),
        h("section", { className: ["downloads"], ariaLabelledBy: "downloads-title" }, [
          h("h2", { id: "downloads-title" }, words.downloads),
          h("ul", { className: ["download-list"] }, options.downloads.map((download) => downloadItem(download, manifest, words))),
        ]),
        ...(list ? [list] : []),
        ...(total
          ? [
              h("section", { className: ["corrections-summary"], ariaLabelledBy: "corrections-title" }, [
                h("h2", { id: "corrections-title" }, words.corrections),
                h("p", [
                  text(words.correctionsBefore),
                  note ? h("a", { href: pageOfDivision.get(note)! }, words.editorialNote) : text(words.editorialNote),
                  text(words.correctionsAfter(total)),
                  ...corrections.flatMap(({ title, count }, index) => [...(index ? [text("; ")] : []), h("cite", title), text(` ${count}`)]),
                  text("."),
                ]),
              ]),
            ]
          : []),
      ]),
      siteFooter(manifest, words, [
        text(` ${words.built} `),
        h("time", { dateTime: built.toISOString() }, `${day}, ${time} UTC`),
        text("."),
        ...divisions
          .filter((division) => divisionOf(division)!.part === "front" && pageOfDivision.has(division))
          .flatMap((division) => [text(" "), h("a", { href: pageOfDivision.get(division)! }, divisionOf(division)!.id === "copyright" ? words.sourcesAndRights : divisionOf(division)!.title), text(".")]),
      ]),
    ],
  });
}
