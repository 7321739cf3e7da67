export declare function median(values: readonly number[]): number;
export declare const r3: (x: number) => number;
