// epub-gen-memory drops every attribute missing from its allow-list, which
// lacks `scope` (a table's header cells say what they head) and `start` (a
// numbered list that does not open at 1). Both are valid XHTML in EPUB 3:
// added to the list, once, before any chapter is written.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { allowedAttributes } = require("epub-gen-memory/dist/lib/util/constants.js") as { allowedAttributes: string[] };
for (const name of ["scope", "start"]) if (!allowedAttributes.includes(name)) allowedAttributes.push(name);
