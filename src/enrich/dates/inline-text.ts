// A paragraph's text as one string with a way back into its inline nodes, so a
// sentence found in the string can be anchored in the tree and the name
// mentions inside it collected. Inline nodes of other plugins (name mentions,
// note references, emphasis) are walked through, never split apart.
import type { Parent, PhrasingContent, Text } from "mdast";
import type { Node } from "unist";
import type { VFile } from "vfile";
import { splitText } from "../../ingest/split-text.js";

export interface Mention {
  start: number;
  end: number;
  person: string;
}

export interface InlineText {
  value: string;
  mentions: Mention[];
}

interface NameMentionLike extends Parent {
  type: "nameMention";
  data?: { hProperties?: { dataPerson?: string } };
}

const isParent = (node: Node): node is Parent => Array.isArray((node as Parent).children);

/** The text of `parent`'s inline content, and the name mentions in it with their offsets. */
export function inlineText(parent: Parent): InlineText {
  let value = "";
  const mentions: Mention[] = [];
  const walk = (node: Node) => {
    if (node.type === "text") value += (node as Text).value;
    else if (isParent(node)) {
      const start = value.length;
      for (const child of node.children) walk(child);
      const person = (node as NameMentionLike).data?.hProperties?.dataPerson;
      if (node.type === "nameMention" && typeof person === "string") mentions.push({ start, end: value.length, person });
    }
  };
  for (const child of parent.children) walk(child);
  return { value, mentions };
}

/**
 * Put `anchor` at text offset `offset` of `parent`. At the start of an inline
 * node (a name mention opening the sentence) it goes before that node; inside
 * a text node, the text is split.
 */
export function insertAt(file: VFile, parent: Parent, offset: number, anchor: PhrasingContent): boolean {
  let rest = offset;
  for (let index = 0; index < parent.children.length; index++) {
    const child = parent.children[index]! as Node;
    if (rest === 0) {
      parent.children.splice(index, 0, anchor as never);
      return true;
    }
    const length = child.type === "text" ? (child as Text).value.length : isParent(child) ? inlineText(child).value.length : 0;
    if (rest < length) {
      if (child.type === "text") {
        const text = child as Text;
        splitText(file, parent as { children: PhrasingContent[] }, text, [{ start: rest, end: rest, make: () => anchor }]);
        return true;
      }
      return insertAt(file, child as Parent, rest, anchor);
    }
    rest -= length;
  }
  if (rest === 0) {
    parent.children.push(anchor as never);
    return true;
  }
  return false;
}
