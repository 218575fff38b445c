// The SVG sanitiser: harmless drawings pass (editor clutter removed), anything that can run script or load another
// resource refuses the whole file. Pure.
import { describe, expect, it } from "vitest";
import { sanitizeSvg } from "./svg";

const wrap = (inner: string, attrs = "") => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="80" ${attrs}>${inner}</svg>`;

function refused(svg: string): string[] {
  const r = sanitizeSvg(svg);
  expect(r.ok, svg).toBe(false);
  return r.ok ? [] : r.problems;
}

describe("sanitizeSvg accepts drawings", () => {
  it("keeps shapes, gradients, text and internal references, and reads the size", () => {
    const src = wrap(
      '<defs><linearGradient id="g"><stop offset="0" stop-color="#f00"/><stop offset="1" stop-color="#00f"/></linearGradient></defs>' +
        '<rect width="120" height="80" fill="url(#g)"/><use xlink:href="#g"/><text x="10" y="40" font-size="12">Hi &amp; bye</text>',
    );
    const r = sanitizeSvg(src);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.width).toBe(120);
    expect(r.height).toBe(80);
    expect(r.svg).toContain('fill="url(#g)"');
    expect(r.svg).toContain("Hi &amp; bye");
    expect(r.svg).toContain('xlink:href="#g"');
    // The output parses again to the same thing.
    const again = sanitizeSvg(r.svg);
    expect(again.ok && again.svg).toBe(r.svg);
  });

  it("drops editor metadata, comments and unknown attributes without refusing", () => {
    const r = sanitizeSvg(
      '<?xml version="1.0"?><!-- made by hand --><svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" viewBox="0 0 10 20" inkscape:version="1.3"><metadata><x/></metadata><sodipodi:namedview/><path d="M0 0L10 10" data-foo="1"/></svg>',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.svg).not.toMatch(/inkscape|sodipodi|metadata|data-foo|made by hand/);
    expect(r.svg).toContain('<path d="M0 0L10 10">');
    expect(r.width).toBe(10);
    expect(r.height).toBe(20);
    expect(r.removed.length).toBeGreaterThan(0);
  });

  it("allows embedded raster images as data URLs", () => {
    expect(sanitizeSvg(wrap('<image width="1" height="1" href="data:image/png;base64,iVBORw0KGgo="/>')).ok).toBe(true);
  });
});

describe("sanitizeSvg refuses", () => {
  it.each([
    ["a script element", wrap("<script>alert(1)</script>")],
    ["a namespaced script", wrap('<svg:script xmlns:svg="http://www.w3.org/2000/svg">alert(1)</svg:script>')],
    ["an event handler", wrap('<rect width="1" height="1" onclick="alert(1)"/>')],
    ["an onload on the root", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'],
    ["a javascript: link", wrap('<a href="javascript:alert(1)"><rect width="1" height="1"/></a>')],
    ["an external image", wrap('<image href="https://evil.example/x.png" width="1" height="1"/>')],
    ["an external use", wrap('<use xlink:href="other.svg#icon"/>')],
    ["foreignObject", wrap("<foreignObject><div xmlns='http://www.w3.org/1999/xhtml'>hi</div></foreignObject>")],
    ["a DOCTYPE with entities", '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>'],
    ["a stylesheet processing instruction", '<?xml-stylesheet href="http://evil.example/a.css"?><svg xmlns="http://www.w3.org/2000/svg"/>'],
    ["a CSS import", wrap("<style>@import url(http://evil.example/a.css);</style>")],
    ["an external url() in a style attribute", wrap('<rect style="fill:url(http://evil.example/p.svg#x)" width="1" height="1"/>')],
    ["an external url() in a presentation attribute", wrap('<rect fill="url(http://evil.example/p.svg#x)" width="1" height="1"/>')],
    ["CSS escapes", wrap('<rect style="fill:\\75 rl(http://x)" width="1" height="1"/>')],
    ["an animation that rewrites a link", wrap('<a href="#a"><set attributeName="href" to="javascript:alert(1)"/></a>')],
    ["a data: HTML link", wrap('<a href="data:text/html,<script>alert(1)</script>"/>')],
    ["broken XML", "<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>"],
    ["a non-SVG root", "<html><body/></html>"],
  ])("%s", (_label, svg) => {
    expect(refused(svg).length).toBeGreaterThan(0);
  });

  it("names every reason", () => {
    const problems = refused(wrap('<script>x</script><rect onmouseover="x()" width="1" height="1"/>'));
    expect(problems.join(" ")).toMatch(/script/);
    expect(problems.join(" ")).toMatch(/onmouseover/);
  });
});
