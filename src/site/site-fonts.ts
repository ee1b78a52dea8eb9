// The site's face, EB Garamond from @fontsource as in print: its @font-face
// rules (every subset, each with its unicode-range, so a browser fetches only
// the subsets a page uses) pointed at `fonts/`, and the woff2 files to copy there.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

const fontDir = path.dirname(createRequire(import.meta.url).resolve("@fontsource/eb-garamond/package.json"));
const faces = ["400.css", "400-italic.css", "600.css"];

export async function siteFontFaces(folder = "fonts"): Promise<{ css: string; files: { name: string; from: string }[] }> {
  const files = new Map<string, string>();
  const sheets = await Promise.all(faces.map((name) => readFile(path.join(fontDir, name), "utf8")));
  const css = sheets
    .map((sheet) =>
      sheet
        .replace(/,\s*url\([^)]+\.woff\)\s*format\('woff'\)/g, "")
        .replace(/url\(\.\/files\/([^)]+\.woff2)\)/g, (_whole, name: string) => {
          files.set(name, path.join(fontDir, "files", name));
          return `url(${folder}/${name})`;
        }),
    )
    .join("\n");
  return { css, files: [...files].map(([name, from]) => ({ name, from })) };
}
