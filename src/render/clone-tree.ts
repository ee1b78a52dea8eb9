// Renderers change a copy of the book tree, never the shared tree. The copy
// leaves out the source positions (`position` on every node): no renderer
// reads them, and on a long text they are most of the tree's memory. Strings
// are shared, not copied (they cannot change): structuredClone copied every
// text of the book again, and a copy of a 10 MB text's book took 40 % more
// room and twice the time.
import type { Element, ElementContent, Root, RootContent } from "hast";

/** A copy of a tree's plain data (objects, arrays, strings, numbers); anything else goes through structuredClone. */
function copyData(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(copyData);
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return structuredClone(value);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = copyData((value as Record<string, unknown>)[key]);
  return copy;
}

export function cloneWithoutPositions<Node extends Root | Element | ElementContent | RootContent>(node: Node): Node {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(node)) {
    if (key === "position") continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    copy[key] = key === "children" ? (value as (ElementContent | RootContent)[]).map((child) => cloneWithoutPositions(child)) : copyData(value);
  }
  return copy as unknown as Node;
}
