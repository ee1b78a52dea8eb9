// Notes written as Markdown footnotes (`[^12]`, `[^12]: …`) for the editors'
// diff (`edition check --diff`), so a restored call shows where it was found.
import type { FootnoteDefinition, FootnoteReference, Parents } from "mdast";
import type { Handle, Info, State } from "mdast-util-to-markdown";
import type { NoteSection } from "./notes.js";

const footnoteReference: Handle = (node: FootnoteReference) => `[^${node.label ?? node.identifier}]`;

const footnoteDefinition: Handle = (node: FootnoteDefinition, _parent: Parents | undefined, state: State, info: Info) =>
  `[^${node.label ?? node.identifier}]: ${state.containerFlow(node, info)}`;

const noteSection: Handle = (node: NoteSection, _parent: Parents | undefined, state: State, info: Info) => state.containerFlow(node as never, info);

export const noteMarkdownHandlers: Record<string, Handle> = { footnoteReference, footnoteDefinition, noteSection };
