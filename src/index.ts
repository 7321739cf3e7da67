// Public API of matrix-notice-kit. Each feature re-exports from its own folder.
export {};
