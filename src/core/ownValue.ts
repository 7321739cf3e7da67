/** An own data property of `obj`: getters are never invoked and inherited values are ignored (hostile JSON-safe). */
export function ownValue(obj: object, key: PropertyKey): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(obj, key);
  return descriptor && "value" in descriptor ? descriptor.value : undefined;
}
