// Print only: a called note moves to the foot of the page of its call. Each
// note becomes a `span.footnote` (CSS `float: footnote`, laid out by
// Paged.js) placed right before its call; the notes called inside that note
// follow it, so they land on the same page. The source's numbering is kept:
// the call shows its own label and the note starts with it, Paged.js' own
// counters are switched off in print.css. A note whose call is lost stays in
// the text's notes section. `Ibid.` and `op. cit.` show the work they resolve to.
// With the manifest's `printNotes: endnotes`, every note stays at the end of its text.
import type { Element, ElementContent, Root } from "hast";
import { h } from "hastscript";
import { toString } from "hast-util-to-string";
import { visit } from "unist-util-visit";
import { hasClass, noteClasses } from "../book/schema.js";


/** The note's content as phrasing, so it can stand inside the paragraph of its call. */
function footnoteOf(note: Element): Element {
  const content: ElementContent[] = [];
  for (const child of note.children) {
    if (child.type !== "element") continue;
    if (content.length) content.push({ type: "text", value: " " });
    content.push(...(child.tagName === "p" ? child.children : [child]));
  }
  // The backlink becomes a plain label: the page foot is beside the call.
  const label = content.findIndex((node) => node.type === "element" && hasClass(node, noteClasses.label));
  if (label !== -1) content[label] = h("span", { className: [noteClasses.label] }, (content[label] as Element).children);
  return h("span", { className: ["footnote"], dataNoteId: String(note.properties.id) }, content);
}

/**
 * Print has no links: after `Ibid.` or `op. cit.` the work it resolves to is
 * shown in an editor's bracket (the link's title), so the reader of the page
 * knows which book is meant. The author's words stay as they are. The work's
 * title is set as the book sets it (a book's in italics).
 */
function showResolvedWorks(book: Root): void {
  // A work's title in italics: its works-cited entry's, or a full citation's link to it (its words a `cite`). The print
  // HTML is made some divisions at a time, so the works cited may stand in another piece than a text's notes.
  const italicTitles = new Map<string, string>();
  const italicOf = (node: Element) => node.children.find((child): child is Element => child.type === "element" && (child.tagName === "i" || child.tagName === "cite"));
  visit(book, "element", (node) => {
    const italic = italicOf(node);
    if (!italic) return;
    if (typeof node.properties.id === "string" && hasClass(node, "work")) italicTitles.set(node.properties.id, toString(italic));
    else if (hasClass(node, "work-ref") && node.children.length === 1) italicTitles.set(String(node.properties.href ?? "").slice(1), toString(italic));
  });
  visit(book, "element", (node, index, parent) => {
    if (!parent || index === undefined || !hasClass(node, "work-ref") || typeof node.properties.title !== "string") return;
    const words = node.children.map((child) => (child.type === "text" ? child.value : "")).join("");
    if (!/^(?:Ibid\.|op\. cit\.)$/i.test(words)) return;
    const name = node.properties.title;
    const italic = italicTitles.get(String(node.properties.href ?? "").slice(1));
    const shown: ElementContent[] =
      italic && name.endsWith(italic) ? [{ type: "text", value: ` [${name.slice(0, -italic.length)}` }, h("cite", { className: ["work-title"] }, italic), { type: "text", value: "]" }] : [{ type: "text", value: ` [${name}]` }];
    parent.children.splice(index + 1, 0, h("span", { className: ["resolved-work"] }, shown));
    return index + 2;
  });
}

export function footnotesForPrint(book: Root, placement: "footnotes" | "endnotes" = "footnotes"): void {
  showResolvedWorks(book);
  if (placement === "endnotes") return;
  const notes = new Map<string, Element>();
  visit(book, "element", (node) => {
    if (node.tagName === "li" && hasClass(node, noteClasses.note)) notes.set(String(node.properties.id), node);
  });
  const moved = new Set<Element>();

  /** The footnotes for a call: its note, then the notes called inside it. */
  const floatsFor = (call: Element): Element[] => {
    const note = notes.get(String(call.properties.href).slice(1));
    if (!note || moved.has(note)) return [];
    moved.add(note);
    const floats = [footnoteOf(note)];
    visit(floats[0]!, "element", (inner) => {
      if (inner.tagName === "a" && hasClass(inner, noteClasses.call)) floats.push(...floatsFor(inner));
    });
    return floats;
  };

  visit(book, "element", (node, _, parent) => {
    if (hasClass(node, noteClasses.section)) return "skip";
    if (!(node.tagName === "a" && hasClass(node, noteClasses.call)) || !parent) return;
    const floats = floatsFor(node);
    const at = parent.children.indexOf(node);
    // Before the call, not after it: Paged.js puts an empty call of its own where the float stood, and an empty
    // inline after a page's last word may be measured on the next line, beyond the page; the note was then
    // dropped while the visible call stayed on the page. Before the call, it stands on the call's own line.
    parent.children.splice(at, 0, ...floats);
    return at + floats.length + 1;
  });

  // Notes left in a section are those without a call; an emptied section goes.
  visit(book, "element", (node, index, parent) => {
    if (!hasClass(node, noteClasses.section) || !parent || index === undefined) return;
    const list = node.children.find((child): child is Element => child.type === "element" && child.tagName === "ol");
    if (list) list.children = list.children.filter((child) => !(child.type === "element" && moved.has(child)));
    if (!list?.children.some((child) => child.type === "element")) {
      parent.children.splice(index, 1);
      return index;
    }
    return "skip";
  });
}

/** Plugin: notes at the page foot of their call (or left as endnotes), with resolved works shown. */
export function rehypePrintNotes(options: { placement?: "footnotes" | "endnotes" } = {}) {
  return (book: Root) => footnotesForPrint(book, options.placement);
}
