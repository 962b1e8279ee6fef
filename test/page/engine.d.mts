/** A browser engine as the shared page tests drive it (firefox.mjs, webkit.mjs). */
export interface PageEngine {
  /** The engine and its version, as the driver reports them. */
  name: string;
  open(file: string): Promise<EnginePage>;
  close(): Promise<void>;
}

export interface EnginePage {
  /** Evaluates an expression in the page and returns its (JSON) value. */
  evaluate(expression: string): Promise<unknown>;
  /** Sets a file on a file input, as a person choosing it would. */
  choose(selector: string, path: string): Promise<void>;
  click(selector: string): Promise<void>;
  /** The file the browser saved for a download of `name` and `size` bytes, where the engine saves downloads. */
  savedFile: ((name: string, size: number) => Promise<Buffer>) | undefined;
  /** Script errors, unhandled rejections and policy refusals seen so far. */
  errors(): Promise<string[]>;
  close(): Promise<void>;
}
