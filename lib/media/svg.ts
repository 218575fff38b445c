// A strict allow-list SVG sanitiser: parses the XML (no DTDs, no entities), keeps known drawing elements and attributes,
// and refuses any script, event handler, external reference or DOCTYPE outright. Never pass an SVG on without it.
import { SaxesParser, type SaxesTagPlain } from "saxes";

export type SvgSanitizeResult =
  | { ok: true; svg: string; width: number | null; height: number | null; removed: string[] }
  | { ok: false; problems: string[] };

const ELEMENTS = new Set([
  "svg", "g", "defs", "symbol", "use", "title", "desc", "switch", "view", "a",
  "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
  "text", "tspan", "textPath",
  "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker", "image", "style",
  "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix", "feDiffuseLighting",
  "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
  "feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology", "feOffset", "fePointLight",
  "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
  "animate", "animateTransform", "animateMotion", "set", "mpath",
]);

/** Elements that only exist to run code or pull in other documents: their presence refuses the file. */
const FORBIDDEN_ELEMENTS = new Set(["script", "foreignobject", "iframe", "embed", "object", "handler", "listener", "audio", "video", "canvas", "html", "body", "link", "meta", "base"]);

const ATTRIBUTES = new Set([
  "id", "class", "style", "transform", "viewBox", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry",
  "d", "points", "pathLength", "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin",
  "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "stroke-opacity", "opacity", "color", "display", "visibility",
  "clip-path", "clip-rule", "mask", "filter", "font-family", "font-size", "font-style", "font-weight", "font-variant", "font-stretch",
  "text-anchor", "dominant-baseline", "alignment-baseline", "baseline-shift", "letter-spacing", "word-spacing", "text-decoration",
  "writing-mode", "dx", "dy", "rotate", "textLength", "lengthAdjust", "startOffset", "method", "spacing", "side",
  "offset", "stop-color", "stop-opacity", "gradientUnits", "gradientTransform", "spreadMethod", "fx", "fy", "fr",
  "patternUnits", "patternContentUnits", "patternTransform", "preserveAspectRatio", "clipPathUnits", "maskUnits", "maskContentUnits",
  "filterUnits", "primitiveUnits", "in", "in2", "result", "stdDeviation", "mode", "operator", "k1", "k2", "k3", "k4", "values",
  "type", "tableValues", "slope", "intercept", "amplitude", "exponent", "flood-color", "flood-opacity", "lighting-color",
  "baseFrequency", "numOctaves", "seed", "stitchTiles", "scale", "xChannelSelector", "yChannelSelector", "radius", "order",
  "kernelMatrix", "divisor", "bias", "targetX", "targetY", "edgeMode", "preserveAlpha", "surfaceScale", "diffuseConstant",
  "specularConstant", "specularExponent", "kernelUnitLength", "azimuth", "elevation", "z", "pointsAtX", "pointsAtY", "pointsAtZ",
  "limitingConeAngle", "markerWidth", "markerHeight", "markerUnits", "refX", "refY", "orient", "marker-start", "marker-mid",
  "marker-end", "version", "xmlns", "xmlns:xlink", "href", "xlink:href", "xml:space", "xml:lang", "lang", "role", "aria-label",
  "aria-hidden", "vector-effect", "shape-rendering", "text-rendering", "image-rendering", "color-interpolation",
  "color-interpolation-filters", "paint-order", "mix-blend-mode", "isolation", "overflow", "attributeName", "attributeType",
  "begin", "dur", "end", "repeatCount", "repeatDur", "from", "to", "by", "calcMode", "keyTimes", "keySplines", "keyPoints",
  "additive", "accumulate", "restart", "fill-rule", "path",
]);

const NAMESPACES: Record<string, string> = {
  xmlns: "http://www.w3.org/2000/svg",
  "xmlns:xlink": "http://www.w3.org/1999/xlink",
};

const SAFE_DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=\s]+$/i;
const SCRIPT_URL = /(java|vb)script\s*:|data\s*:\s*text\/html/i;
const MAX_ELEMENTS = 50_000;
const MAX_DEPTH = 256;

/** Problems in CSS text (a style attribute or a <style> element): external loads and script hooks. */
function cssProblems(css: string): string[] {
  const problems: string[] = [];
  // CSS escapes (\75 rl) could hide "url"; there is no need for them in a drawing.
  if (/\\/.test(css)) problems.push("CSS escapes are not allowed in styles.");
  if (/@import/i.test(css)) problems.push("Styles may not @import other files.");
  for (const m of css.matchAll(/url\s*\(\s*(['"]?)([^'")]*)\1\s*\)/gi)) {
    if (!m[2]!.trim().startsWith("#")) problems.push(`Styles may only refer to parts of the same file (found url(${m[2]!.slice(0, 60)})).`);
  }
  if (/expression\s*\(|behavior\s*:|-moz-binding|javascript\s*:/i.test(css)) problems.push("Styles contain script.");
  return problems;
}

function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, "&quot;");
}

/** A length in user units or px, for the stored width/height; percentages and other units say nothing. */
function pixels(value: string | undefined): number | null {
  if (!value) return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$/.exec(value);
  return m ? Math.round(Number(m[1])) : null;
}

interface Frame {
  name: string;
  kept: boolean;
}

/**
 * Sanitises SVG text. Anything that can run code or load something else refuses the whole file (with every reason);
 * harmless unknowns (editor metadata, comments, foreign namespaces) are dropped and listed in `removed`.
 */
export function sanitizeSvg(source: string): SvgSanitizeResult {
  const problems = new Set<string>();
  const removed = new Set<string>();
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  const stack: Frame[] = [];
  let elements = 0;
  let rootSeen = false;
  let width: number | null = null;
  let height: number | null = null;
  let viewBox: number[] | null = null;
  let styleText: string | null = null;

  const parser = new SaxesParser({ xmlns: false });
  parser.on("error", (e) => {
    problems.add(`The SVG is not well-formed XML: ${e.message.replace(/^.*?:\d+:\d+: /, "")}`);
  });
  parser.on("doctype", () => problems.add("DOCTYPE declarations (and the entities they define) are not allowed in an SVG."));
  parser.on("processinginstruction", (pi) => problems.add(`Processing instructions (<?${pi.target} …?>) are not allowed in an SVG.`));
  parser.on("comment", () => removed.add("comments"));

  parser.on("opentag", (tag: SaxesTagPlain) => {
    elements += 1;
    if (elements > MAX_ELEMENTS) {
      problems.add(`The SVG has more than ${MAX_ELEMENTS} elements.`);
      return;
    }
    const parentKept = stack.length === 0 || stack[stack.length - 1]!.kept;
    const name = tag.name;
    if (stack.length === 0) {
      rootSeen = true;
      if (name !== "svg") problems.add(`The root element is <${name}>, not <svg>.`);
    }
    if (stack.length >= MAX_DEPTH) problems.add(`The SVG nests deeper than ${MAX_DEPTH} levels.`);
    const local = name.includes(":") ? name.slice(name.indexOf(":") + 1) : name;
    if (FORBIDDEN_ELEMENTS.has(local.toLowerCase())) problems.add(`<${name}> elements are not allowed in an SVG (they can run code or load other content).`);

    const attrs = tag.attributes as Record<string, string>;
    // Checks apply to every element, kept or not: a dropped element must not hide an unnoticed script.
    for (const [attr, value] of Object.entries(attrs)) {
      const lower = attr.toLowerCase();
      const bare = lower.includes(":") ? lower.slice(lower.indexOf(":") + 1) : lower;
      if (bare.startsWith("on")) problems.add(`Event handler attributes (${attr}) are not allowed.`);
      if (SCRIPT_URL.test(value)) problems.add(`The ${attr} attribute of <${name}> holds a script URL.`);
      if (bare === "href" || bare === "src") {
        const v = value.trim();
        const embeddedImage = (local === "image" || local === "feImage") && SAFE_DATA_IMAGE.test(v);
        if (!v.startsWith("#") && !embeddedImage) problems.add(`<${name}> refers to something outside the file (${attr}="${v.slice(0, 80)}").`);
      }
      if (lower === "style") for (const p of cssProblems(value)) problems.add(p);
      else if (/url\s*\(/i.test(value) && !/^\s*url\s*\(\s*['"]?#[^)]*\)\s*(none|[a-z#0-9(),.\s%-]*)?$/i.test(value)) {
        problems.add(`The ${attr} attribute of <${name}> refers to something outside the file.`);
      }
      if ((local === "animate" || local === "set" || local === "animateTransform" || local === "animateMotion") && lower === "attributename" && /^(xlink:)?href$|^on/i.test(value.trim())) {
        problems.add(`<${name}> may not animate ${value}.`);
      }
    }

    const kept = parentKept && ELEMENTS.has(name) && problems.size === 0;
    stack.push({ name, kept });
    if (!kept) {
      if (parentKept && !ELEMENTS.has(name)) removed.add(`<${name}>`);
      return;
    }
    if (name === "svg" && stack.length === 1) {
      width = pixels(attrs.width);
      height = pixels(attrs.height);
      const vb = attrs.viewBox?.trim().split(/[\s,]+/).map(Number);
      if (vb && vb.length === 4 && vb.every(Number.isFinite)) viewBox = vb;
    }
    const parts: string[] = [`<${name}`];
    for (const [attr, value] of Object.entries(attrs)) {
      if (!ATTRIBUTES.has(attr)) {
        removed.add(`${attr}=`);
        continue;
      }
      if (NAMESPACES[attr] !== undefined && value !== NAMESPACES[attr]) {
        removed.add(`${attr}=`);
        continue;
      }
      parts.push(` ${attr}="${escapeAttr(value)}"`);
    }
    if (stack.length === 1 && attrs.xmlns === undefined) parts.push(` xmlns="${NAMESPACES.xmlns}"`);
    out.push(parts.join(""), ">");
    if (name === "style") styleText = "";
  });

  const onText = (text: string) => {
    const top = stack[stack.length - 1];
    if (!top) return;
    if (top.name === "style" && styleText !== null) styleText += text;
    if (top.kept) out.push(escapeText(text));
  };
  parser.on("text", onText);
  parser.on("cdata", onText);

  parser.on("closetag", (tag: SaxesTagPlain) => {
    const frame = stack.pop();
    if (!frame) return;
    if (tag.name === "style" && styleText !== null) {
      for (const p of cssProblems(styleText)) problems.add(p);
      styleText = null;
    }
    if (frame.kept) out.push(`</${frame.name}>`);
  });

  try {
    parser.write(source).close();
  } catch (e) {
    problems.add(`The SVG is not well-formed XML: ${(e as Error).message}`);
  }
  if (!rootSeen) problems.add("The file has no <svg> element.");
  if (problems.size) return { ok: false, problems: [...problems] };
  const vb = viewBox as number[] | null;
  return {
    ok: true,
    svg: out.join(""),
    width: width ?? (vb ? Math.round(vb[2]!) : null),
    height: height ?? (vb ? Math.round(vb[3]!) : null),
    removed: [...removed],
  };
}
