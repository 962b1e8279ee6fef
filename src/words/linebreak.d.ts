// The `linebreak` package (UAX #14) ships no types; this is the part of its API redframe uses.
declare module 'linebreak' {
  export default class LineBreaker {
    constructor(text: string);
    /** The next break opportunity, or null at the end of the text. */
    nextBreak(): { position: number; required: boolean } | null;
  }
}
