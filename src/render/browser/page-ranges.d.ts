// Types of ./page-ranges.js, which hangs its functions on the global object.
export {};

declare global {
  var editionPageRanges: {
    pageRuns(pages: number[]): { start: number; end: number }[];
    runText(folios: string[], run: { start: number; end: number }): string;
  };
}
