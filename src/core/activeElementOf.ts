/**
 * The focused element as seen from `node`'s tree: inside a (open or closed) shadow root its own `activeElement` (the
 * document's is the host), else the document's (`<body>` when nothing has focus).
 */
export function activeElementOf(node: Node): Element | null {
  return (
    (node.getRootNode() as Document | ShadowRoot).activeElement ?? node.ownerDocument?.activeElement ?? null
  );
}
