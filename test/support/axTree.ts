/**
 * Chromium's accessibility tree of the test's own document (CDP `Accessibility.getFullAXTree`, browser tests only):
 * what a screen reader is given, beyond what the DOM says.
 */
import { cdp } from "vitest/browser";

/** A CDP accessibility value. */
export interface AXValue {
  type: string;
  value?: unknown;
  relatedNodes?: { backendDOMNodeId: number; text?: string }[];
}

/** A CDP accessibility node. */
export interface AXNode {
  nodeId: string;
  ignored: boolean;
  role?: AXValue;
  name?: AXValue;
  description?: AXValue;
  properties?: { name: string; value: AXValue }[];
  childIds?: string[];
}

type FrameTree = { frame: { id: string; url: string }; childFrames?: FrameTree[] };

/** The test iframe's frame id (the tests run in an iframe of the runner's page). */
async function ownFrameId(): Promise<string> {
  const { frameTree } = (await cdp().send("Page.getFrameTree")) as { frameTree: FrameTree };
  const all: FrameTree[] = [];
  const walk = (t: FrameTree) => {
    all.push(t);
    for (const c of t.childFrames ?? []) walk(c);
  };
  walk(frameTree);
  return (all.find((f) => f.frame.url === location.href) ?? all[all.length - 1])!.frame.id;
}

/** Every node of the document's accessibility tree, and each node's parent id. */
export async function axTree(): Promise<{ nodes: AXNode[]; parentOf: Map<string, string> }> {
  const session = cdp();
  await session.send("Accessibility.enable");
  const { nodes } = (await session.send("Accessibility.getFullAXTree", { frameId: await ownFrameId() })) as {
    nodes: AXNode[];
  };
  const parentOf = new Map<string, string>();
  for (const n of nodes) for (const c of n.childIds ?? []) parentOf.set(c, n.nodeId);
  return { nodes, parentOf };
}

/** A node's own `live` politeness ("assertive", "polite"), if it is a live region root. */
export function liveOf(node: AXNode): string | undefined {
  const live = node.properties?.find((p) => p.name === "live")?.value.value;
  return node.ignored || typeof live !== "string" || live === "off" ? undefined : live;
}

/** Each live region root as `role(politeness)`, with the live roots it sits inside (`inside role(politeness)`). */
export async function liveRegions(): Promise<string[]> {
  const { nodes, parentOf } = await axTree();
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const out: string[] = [];
  for (const n of nodes) {
    const live = liveOf(n);
    if (!live) continue;
    const above: string[] = [];
    for (let p = parentOf.get(n.nodeId); p; p = parentOf.get(p)) {
      const a = byId.get(p)!;
      if (liveOf(a)) above.push(`${a.role?.value}(${liveOf(a)})`);
    }
    out.push(`${n.role?.value}(${live})${above.length ? ` inside ${above.join(" < ")}` : ""}`);
  }
  return out;
}

/** The accessibility node id of the first live region root with `politeness`, if any. */
export async function liveRegionId(politeness: string): Promise<string | undefined> {
  const { nodes } = await axTree();
  return nodes.find((n) => liveOf(n) === politeness && n.role?.value !== "alert")?.nodeId;
}
