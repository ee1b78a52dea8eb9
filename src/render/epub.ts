// EPUB 3 from the book tree: one XHTML file per division, the contents
// division as the navigation document, metadata from the manifest.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { EPub, type Chapter } from "epub-gen-memory";
import type { Element, Root } from "hast";
import { toXhtml } from "./to-xhtml.js";
import { h } from "hastscript";
import { divisionOf } from "../book/division.js";
import type { Manifest } from "../manifest/manifest-schema.js";
import { sourceLine } from "../book/front-matter.js";
import { toString as hastToString } from "hast-util-to-string";
import { fileOfEachId, pointLinksAtFiles } from "./link-targets.js";
import { projectRoot } from "../project-root.js";

const templates = path.join(projectRoot, "templates", "epub");
const styles = path.join(projectRoot, "styles");

const fileName = (division: Element) => `${divisionOf(division)!.id}.xhtml`;

function navigationDocument(contents: Element, divisions: Element[], files: Map<string, string>): string {
  const toc = structuredClone(contents);
  toc.properties.id = "toc";
  pointLinksAtFiles(toc, files, "toc.xhtml");
  const firstText = divisions.find((node) => divisionOf(node)!.part === "body")!;
  const landmarks = h("nav", { "epub:type": "landmarks", id: "landmarks", hidden: "hidden" }, [
    h("h2", "Landmarks"),
    h("ol", [
      h("li", h("a", { "epub:type": "toc", href: "toc.xhtml#toc" }, "Contents")),
      h("li", h("a", { "epub:type": "bodymatter", href: fileName(firstText) }, "Start of the texts")),
    ]),
  ]);
  return toXhtml([toc, landmarks]);
}

export async function renderEpub(manifest: Manifest, book: Root): Promise<Buffer> {
  const divisions = book.children.filter((node): node is Element => node.type === "element" && Boolean(divisionOf(node)));
  const files = fileOfEachId(divisions, fileName);
  const contents = divisions.find((node) => divisionOf(node)!.id === "contents")!;

  const chapters: Chapter[] = divisions
    .filter((node) => node !== contents)
    .map((node) => {
      const division = divisionOf(node)!;
      const copy = structuredClone(node);
      pointLinksAtFiles(copy, files, fileName(node));
      return {
        title: division.title,
        content: toXhtml(copy),
        filename: fileName(node),
        beforeToc: division.part === "front",
        excludeFromToc: !division.inContents,
      };
    });

  const template = (name: string) => readFile(path.join(templates, name), "utf8");
  const authors = [...new Set(manifest.texts.map((text) => text.author))];
  const options = {
    title: manifest.title,
    subtitle: manifest.subtitle ?? "",
    author: authors,
    creators: [...authors.map((name) => ({ name, role: "aut" })), { name: manifest.editor, role: "edt" }],
    publisher: manifest.publisher,
    description: manifest.description,
    subject: manifest.subject,
    rights: manifest.rights,
    identifier: manifest.identifier,
    sources: manifest.texts.map((text) => hastToString(h("p", sourceLine(text)))),
    lang: manifest.language,
    date: manifest.revised,
    revised: manifest.revised,
    modified: `${manifest.revised}T00:00:00Z`,
    tocTitle: "Contents",
    navHtml: navigationDocument(contents, divisions, files),
    prependChapterTitles: false,
    numberChaptersInTOC: false,
    version: 3,
    verbose: false,
    css: await readFile(path.join(styles, "epub.css"), "utf8"),
    contentOPF: await template("content.opf.ejs"),
    chapterXHTML: await template("chapter.xhtml.ejs"),
    tocXHTML: await template("nav.xhtml.ejs"),
    tocNCX: await template("toc.ncx.ejs"),
  };
  return new EPub(options, chapters).genEpub();
}
