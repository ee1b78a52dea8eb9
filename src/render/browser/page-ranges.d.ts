// Types of ./page-ranges.js, which hangs its functions on the global object.
export {};

declare global {
  var editionPageRanges: {
    pageRuns(pages: number[]): { start: number; end: number }[];
    runText(folios: string[], run: { start: number; end: number }): string;
    listItems<Note extends { page: number; label: string }>(textPages: number[], notes: Note[]): { page: number; run?: { start: number; end: number }; note?: Note }[];
    noteText(folios: string[], note: { page: number; label: string }): string;
  };
}
