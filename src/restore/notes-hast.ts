// How notes become hast (remark-rehype handlers), the same for both formats:
// each text's notes are one endnotes section with the source's numbering;
// a call is a link to its note, each note starts with a link back to its
// first call. The print renderer moves called notes to the page foot.
import type { Element, ElementContent } from "hast";
import type { FootnoteDefinition, FootnoteReference } from "mdast";
import type { Handler, State } from "mdast-util-to-hast";
import { h } from "hastscript";
import type { NoteSection } from "./notes.js";
import { noteClasses } from "../book/schema.js";
import { interfaceWords, type InterfaceWords } from "../book/words.js";

type NoteWords = Pick<InterfaceWords, "notes" | "noteCall" | "noteBacklink" | "noteCallLost">;

const footnoteReference = (words: NoteWords): Handler => (state: State, node: FootnoteReference) => {
  const data = node.data ?? {};
  const label = data.noteLabel ?? node.label ?? node.identifier;
  const link = h(
    "a",
    { id: data.callId, href: `#${data.noteId ?? node.identifier}`, className: [noteClasses.call, ...(data.followsCall ? ["noteref-follows"] : [])], "epub:type": "noteref", role: "doc-noteref", ariaLabel: words.noteCall(String(label)) },
    label,
  );
  state.patch(node, link);
  return link;
};

const footnoteDefinition = (words: NoteWords): Handler => (state: State, node: FootnoteDefinition) => {
  const data = node.data ?? {};
  const label = data.noteLabel ?? node.label ?? node.identifier;
  const back = data.callIds?.[0];
  const marker: Element = back
    ? h("a", { href: `#${back}`, className: [noteClasses.label], role: "doc-backlink", ariaLabel: words.noteBacklink(String(label)) }, `${label}.`)
    : h("span", { className: [noteClasses.label], title: words.noteCallLost }, `${label}.`);
  // A note called more than once links back to every call: the label to the first, letters `b`, `c`… to the others.
  const more: ElementContent[] = (data.callIds ?? []).slice(1).flatMap((callId, index) => [
    { type: "text", value: " " } as const,
    h("a", { href: `#${callId}`, className: ["note-backlink"], role: "doc-backlink", ariaLabel: `${words.noteBacklink(String(label))} (${index + 2})` }, String.fromCharCode(98 + (index % 25))),
  ]);
  const children = state.all(node) as ElementContent[];
  const first = children.find((child): child is Element => child.type === "element" && child.tagName === "p");
  if (first) first.children.unshift(marker, ...more, { type: "text", value: " " });
  else children.unshift(marker, ...more);
  // No `role="doc-endnote"` nor `epub:type="endnote"`: both are deprecated (EPUBCheck warns);
  // the list item of a `doc-endnotes` section is the endnote.
  const item = h("li", { id: data.noteId ?? node.identifier, className: [noteClasses.note] }, children);
  state.patch(node, item);
  return item;
};

const noteSection = (words: NoteWords): Handler => (state: State, node: NoteSection) => {
  const textId = node.data?.textId ?? "text";
  const titleId = `${textId}-notes-title`;
  const section = h("section", { id: `${textId}-notes`, className: [noteClasses.section], "epub:type": "endnotes", role: "doc-endnotes", ariaLabelledBy: titleId }, [
    h("h2", { id: titleId, className: ["notes-title"] }, words.notes),
    h("ol", { className: [noteClasses.list] }, state.all(node as never) as ElementContent[]),
  ]);
  return section;
};

/** Handlers to pass to remark-rehype, with the interface words of the edition's language. */
export function noteHandlersFor(words: NoteWords): Record<string, Handler> {
  return { footnoteReference: footnoteReference(words), footnoteDefinition: footnoteDefinition(words), noteSection: noteSection(words) };
}

/** The handlers in English. */
export const noteHandlers: Record<string, Handler> = noteHandlersFor(interfaceWords("en"));
