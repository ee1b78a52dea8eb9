// Usage: tsx /tmp/finish-spreads.ts file.pdf — each verso/recto pair: last line bottoms, in lines.
import { pdfTextPages } from "./src/preflight/pdf-tools.js";
import { textBands } from "./src/render/page-geometry.js";
const file = process.argv[2]!;
const pages = await pdfTextPages(file);
const bleed = (pages[0]!.height - 648) / 2;
const bands = textBands(648, bleed);
const lastBottom = (p: typeof pages[0]) => { const ws = p.words.filter(w => w.yMax > bands.top && w.yMin < bands.bottom); return ws.length ? Math.max(...ws.map(w => w.yMax)) : NaN; };
const out: string[] = [];
for (let v = 2; v < pages.length; v += 2) {
  const a = lastBottom(pages[v-1]!), b = lastBottom(pages[v]!);
  const fa = a > bands.bottom - 2.5*15.18, fb = b > bands.bottom - 2.5*15.18;
  if (fa && fb && Math.abs(a-b) > 7.59) out.push(`${v}/${v+1}: ${a.toFixed(1)} ${b.toFixed(1)} diff ${(a-b).toFixed(1)}`);
}
console.log(out.length, "bands", bands); console.log(out.join("\n"));
