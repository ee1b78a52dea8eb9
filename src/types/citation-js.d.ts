// The part of citation-js this edition uses (the packages ship no types).
declare module "@citation-js/core" {
  export class Cite {
    constructor(data: unknown, options?: { forceType?: string });
    /** The items as CSL-JSON. */
    data: Record<string, unknown>[];
    format(format: "bibliography", options: { format: "html" | "text"; template: string; lang: string; entry?: string | string[] }): string;
  }
  export const plugins: {
    config: {
      get(name: "@csl"): { styles: { add(name: string, xml: string): void; has(name: string): boolean } };
    };
  };
}
declare module "@citation-js/plugin-csl";
declare module "@citation-js/plugin-bibtex";
