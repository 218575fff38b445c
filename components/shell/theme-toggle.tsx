"use client";
// Switches between the light and dark themes (next-themes, class strategy on <html>).
// Never render a theme-dependent label before mount: the server cannot know the theme, so the first paint is neutral.
import { useSyncExternalStore } from "react";
import { useTheme } from "next-themes";
import { Moon, Sun } from "lucide-react";
import { Button } from "@/components/ui/button";

const noSubscription = () => () => {};

export function ThemeToggle() {
  const { resolvedTheme, setTheme } = useTheme();
  // false during server rendering and hydration, true afterwards: no effect-driven re-render needed.
  const mounted = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const dark = mounted && resolvedTheme === "dark";
  const label = !mounted ? "Toggle theme" : dark ? "Switch to light theme" : "Switch to dark theme";
  return (
    <Button variant="ghost" size="icon" aria-label={label} title={label} onClick={() => setTheme(dark ? "light" : "dark")} data-testid="theme-toggle">
      {dark ? <Sun aria-hidden className="size-5" /> : <Moon aria-hidden className="size-5" />}
    </Button>
  );
}
