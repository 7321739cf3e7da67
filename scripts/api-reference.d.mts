/** The README's generated API reference section and what it found undocumented. */
export declare function apiReference(): {
  markdown: string;
  undocumented: string[];
  undocumentedFields: string[];
  exports: string[];
};
/** The README with its API reference section replaced (or added at the end). */
export declare function withReference(readme: string, markdown: string): string;
