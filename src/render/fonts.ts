// The print face, EB Garamond from @fontsource, with real italic and bold so
// Chromium never synthesises a face (synthetic styles become Type 3 fonts).
// The faces are inlined as data URIs: the print HTML then stands alone.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const fontDir = path.dirname(require.resolve("@fontsource/eb-garamond/package.json"));
const faces = ["400.css", "400-italic.css", "700.css", "700-italic.css"];

let cached: string | undefined;

export async function fontFaceCss(): Promise<string> {
  if (cached) return cached;
  const sheets = await Promise.all(faces.map((name) => readFile(path.join(fontDir, name), "utf8")));
  const inlined: string[] = [];
  for (const sheet of sheets) {
    // Keep the woff2 source only and inline it.
    const withoutWoff = sheet.replace(/,\s*url\([^)]+\.woff\)\s*format\('woff'\)/g, "");
    const parts = withoutWoff.split(/(url\(\.\/files\/[^)]+\.woff2\))/);
    for (const part of parts) {
      const match = /^url\(\.\/(files\/[^)]+\.woff2)\)$/.exec(part);
      if (!match) {
        inlined.push(part);
        continue;
      }
      const data = await readFile(path.join(fontDir, match[1]!));
      inlined.push(`url(data:font/woff2;base64,${data.toString("base64")})`);
    }
  }
  cached = inlined.join("");
  return cached;
}
