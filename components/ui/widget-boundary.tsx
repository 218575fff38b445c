"use client";
// One widget's loading and failure boundary: a Suspense skeleton plus an error panel with a retry.
// Never swallow Next's navigation signals (redirect, notFound): those are rethrown to the framework.
import { Component, Suspense, type ErrorInfo, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { CircleExclamationPoint } from "lucide-react";
import { Button } from "./button";

interface BoundaryState {
  error: (Error & { digest?: string }) | null;
}

function isNavigationSignal(error: { digest?: string } | null): boolean {
  const d = error?.digest;
  return typeof d === "string" && (d.startsWith("NEXT_REDIRECT") || d.startsWith("NEXT_HTTP_ERROR_FALLBACK") || d === "NEXT_NOT_FOUND");
}

class ErrorBoundary extends Component<{ fallback: (reset: () => void) => ReactNode; children: ReactNode }, BoundaryState> {
  state: BoundaryState = { error: null };

  static getDerivedStateFromError(error: Error): BoundaryState {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    if (!isNavigationSignal(error as Error & { digest?: string })) console.error("Widget failed", error, info.componentStack);
  }

  reset = () => this.setState({ error: null });

  render() {
    if (this.state.error && isNavigationSignal(this.state.error)) throw this.state.error;
    if (this.state.error) return this.props.fallback(this.reset);
    return this.props.children;
  }
}

function WidgetError({ title, reset }: { title: string; reset: () => void }) {
  const router = useRouter();
  return (
    <div role="alert" className="flex flex-col items-start gap-3 rounded-lg border border-danger/40 bg-danger/5 p-5 text-sm">
      <div className="flex items-center gap-2 font-medium text-danger">
        <CircleExclamationPoint aria-hidden className="size-4" />
        {title} could not be loaded.
      </div>
      <p className="text-muted-foreground">The error has been logged. Try again, and if it keeps failing, reload the page.</p>
      <Button
        size="sm"
        variant="outline"
        onClick={() => {
          reset();
          router.refresh();
        }}
      >
        Try again
      </Button>
    </div>
  );
}

export function WidgetBoundary({ title, fallback, children }: { title: string; fallback: ReactNode; children: ReactNode }) {
  return (
    <ErrorBoundary fallback={(reset) => <WidgetError title={title} reset={reset} />}>
      <Suspense fallback={fallback}>{children}</Suspense>
    </ErrorBoundary>
  );
}
