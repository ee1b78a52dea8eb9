// Renderers change a copy of the book tree, never the shared tree. The copy
// leaves out the source positions (`position` on every node): no renderer
// reads them, and on a long text they are most of the tree's memory.
import type { Element, ElementContent, Root, RootContent } from "hast";

export function cloneWithoutPositions<Node extends Root | Element | ElementContent | RootContent>(node: Node): Node {
  const { position: _position, ...rest } = node as Node & { position?: unknown };
  const children = "children" in node ? (node.children as (ElementContent | RootContent)[]) : undefined;
  const copy = structuredClone(children ? { ...rest, children: [] } : rest) as Node;
  if (children) (copy as Element).children = children.map((child) => cloneWithoutPositions(child)) as ElementContent[];
  return copy;
}
