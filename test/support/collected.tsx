/**
 * Whether an object was garbage-collected, for unit tests: V8's `gc` (exposed at run time) after letting React drop
 * its last root (it keeps one that had passive nested updates, and each fiber's previous render).
 */

import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { act, render } from "@testing-library/react";
import { useEffect, useState } from "react";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

function Nested() {
  const [n, setN] = useState(0);
  useEffect(() => {
    if (n === 0) setN(1);
  }, [n]);
  return <div>{n}</div>;
}

/** Resolves true once nothing keeps `ref`'s target alive (full collections between macrotasks). */
export async function collected(ref: WeakRef<object>): Promise<boolean> {
  for (let i = 0; i < 2; i++) {
    const r = render(<Nested />);
    await act(() => new Promise<void>((resolve) => setTimeout(resolve, 10)));
    r.unmount();
  }
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    gc();
  }
  return ref.deref() === undefined;
}
