// The placeholders `edition new` writes into a manifest, and the warning that
// says which of them an editor has not yet changed. An edition with
// placeholders builds (so a new editor sees a book at once), but every one
// left is a warning at its line.
import type { VFile } from "vfile";
import type { Point } from "./yaml-data-file.js";

/** How every placeholder value starts: `CHANGE ME: the edition's title`. */
export const placeholderMark = "CHANGE ME";

export const placeholder = (what: string) => `${placeholderMark}: ${what}`;

/** A warning `manifest-placeholder` at each string value of the manifest that is still a placeholder. */
export function reportPlaceholders(manifest: object, file: VFile, placeOf: (keyPath: readonly PropertyKey[]) => Point): number {
  let count = 0;
  const walk = (node: unknown, keyPath: (string | number)[]) => {
    if (typeof node === "string") {
      if (!node.trimStart().startsWith(placeholderMark)) return;
      count++;
      file.message(`\`${keyPath.join(".")}\` is still the placeholder \`edition new\` wrote; change it`, {
        place: placeOf(keyPath),
        ruleId: "manifest-placeholder",
        source: "manifest",
      });
    } else if (Array.isArray(node)) node.forEach((item, index) => walk(item, [...keyPath, index]));
    else if (node && typeof node === "object") for (const [key, value] of Object.entries(node)) walk(value, [...keyPath, key]);
  };
  walk(manifest, []);
  return count;
}
