/** Some entries of `T` to use instead of its defaults; an entry given as `undefined` keeps the default. */
export type Overrides<T> = { [K in keyof T]?: T[K] | undefined };
