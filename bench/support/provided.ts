// Values the bench configs hand to their tests through vitest's `provide` / `inject`.
declare module "vitest" {
  interface ProvidedContext {
    /** Interleaved rounds of the sanitizer part (vitest.bench-browser.config.ts; BENCH_SANITIZER_ROUNDS overrides). */
    sanitizerRounds: number;
  }
}

export {};
