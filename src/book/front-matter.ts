// Half-title, title page and copyright page, built from the manifest alone.
import type { Element, ElementContent } from "hast";
import { h } from "hastscript";
import type { Manifest, TextEntry } from "../manifest/manifest-schema.js";
import type { Division } from "./division.js";
import { interfaceWords, type InterfaceWords } from "./words.js";

/** The texts' authors, each once, in reading order (an anonymous text adds none). */
export function bookAuthors(manifest: Manifest): string[] {
  return [...new Set(manifest.texts.flatMap((text) => text.author ?? []))];
}

/** The title with its subtitle, as a document or PDF title gives it. */
export function fullTitle(manifest: Manifest): string {
  return manifest.subtitle ? `${manifest.title}: ${manifest.subtitle}` : manifest.title;
}

function division(id: string, title: string, attributes: Record<string, string>, children: ElementContent[]): Element {
  const node = h("section", { id, className: ["division", "front-matter", id], ...attributes }, children);
  const data: Division = { id, part: "front", title, inContents: false };
  node.data = { division: data };
  return node;
}

export function halfTitle(manifest: Manifest): Element {
  return division("half-title", manifest.title, { "epub:type": "halftitlepage" }, [
    h("p", { className: ["half-title-text"] }, manifest.title),
  ]);
}

export function titlePage(manifest: Manifest, words: InterfaceWords = interfaceWords(manifest.language)): Element {
  const authors = bookAuthors(manifest);
  return division("title-page", "Title page", { "epub:type": "titlepage" }, [
    h("h1", { className: ["book-title"] }, manifest.title),
    ...(manifest.subtitle ? [h("p", { className: ["book-subtitle"] }, manifest.subtitle)] : []),
    h("p", { className: ["book-authors"] }, authors.join(" · ")),
    ...(manifest.editor ? [h("p", { className: ["book-editor"] }, words.editedBy(manifest.editor))] : []),
    ...(manifest.publisher ? [h("p", { className: ["book-publisher"] }, manifest.publisher)] : []),
  ]);
}

/** One line of the copyright page: where a text was first published and where it was found (each only when the manifest says it). */
export function sourceLine(text: TextEntry): ElementContent[] {
  const origin = [text.publication, text.date].filter(Boolean).join(", ");
  const source = text.source;
  const found: ElementContent[] = !source
    ? []
    : source.url
      ? [{ type: "text", value: " Text from " }, h("a", { href: source.url }, source.site), { type: "text", value: "." }]
      : [{ type: "text", value: ` Text from ${source.site}.` }];
  // An anonymous text is credited by its title alone (Chicago 14.79); a book's title is in italics, a shorter work's in quotes.
  const title: ElementContent[] = text.kind === "book" ? [h("cite", { className: ["work-title"] }, text.title)] : [{ type: "text", value: `“${text.title}”` }];
  return [...(text.author ? [{ type: "text" as const, value: `${text.author}, ` }] : []), ...title, { type: "text", value: `${origin ? `, ${origin}` : ""}.` }, ...found];
}

export function copyrightPage(manifest: Manifest, words: InterfaceWords = interfaceWords(manifest.language)): Element {
  return division("copyright", "Copyright", { "epub:type": "copyright-page" }, [
    h("p", [h("span", { className: ["book-title-inline"] }, manifest.title), manifest.subtitle ? `: ${manifest.subtitle}` : ""]),
    h("p", { className: ["imprint"] }, [manifest.editor ? `${words.editedBy(manifest.editor)}. ` : "", words.imprint(manifest.publisher, manifest.revised.slice(0, 4))].join("")),
    h("p", { className: ["rights"] }, manifest.rights),
    h("h2", { className: ["sources-heading"] }, words.sources),
    h("ul", { className: ["sources"] }, manifest.texts.map((text) => h("li", sourceLine(text)))),
    h("p", { className: ["identifier"] }, `Identifier: ${manifest.identifier}`),
  ]);
}
