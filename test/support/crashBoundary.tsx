import { Component, type ReactNode } from "react";

/** An error boundary standing in for the app's root: shows what unmounted the tree (data-testid "crashed"). */
export class CrashBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state = { error: null as unknown };
  static getDerivedStateFromError(error: unknown) {
    return { error };
  }
  override render() {
    return this.state.error ? <p data-testid="crashed">{String(this.state.error)}</p> : this.props.children;
  }
}
