"use client";
// Paints an asset's blurhash as a soft placeholder until its thumbnail arrives (decoded small, stretched by CSS).
// Never decode at display size: 32×32 pixels are enough for a blur and cost nothing.
import { useEffect, useRef } from "react";
import { decode, isBlurhashValid } from "blurhash";
import { cn } from "@/components/ui/cn";

const SIZE = 32;

export function BlurhashCanvas({ hash, className }: { hash: string | null; className?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || !hash || !isBlurhashValid(hash).result) return;
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    const pixels = decode(hash, SIZE, SIZE);
    const image = ctx.createImageData(SIZE, SIZE);
    image.data.set(pixels);
    ctx.putImageData(image, 0, 0);
  }, [hash]);
  if (!hash) return <div aria-hidden className={cn("bg-muted", className)} />;
  return <canvas ref={ref} aria-hidden width={SIZE} height={SIZE} className={cn("bg-muted", className)} />;
}
