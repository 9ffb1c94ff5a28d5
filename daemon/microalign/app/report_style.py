"""The report's stylesheet: a calm, colour-blind-safe palette (after Okabe and Ito) in a
light and a dark variant, and a layout that reflows from phone to desktop widths.

Kept days are blue and missed days an orange ring: the two hues the common colour
vision deficiencies still tell apart, and no alarm red for an ordinary missed day.
"""

STYLE = """
:root{color-scheme:light dark;--bg:#f7f6f2;--card:#fff;--fg:#1f2328;--muted:#5d6570;
--line:#e2e0da;--track:#ebe9e4;--kept:#0072b2;--partly:#56b4e9;--frozen:#cfe8f7;
--frozen-line:#0072b2;--missed:#d98a00;--rest:#9aa0a6;--accent:#0072b2;--area:#0072b21f;
--target:#b36b00}
@media (prefers-color-scheme:dark){:root{--bg:#14171b;--card:#1c2026;--fg:#e7e9ec;
--muted:#a4adb8;--line:#2e343c;--track:#272c33;--kept:#4fa9e6;--partly:#8ccaf0;
--frozen:#1e3a4d;--frozen-line:#8ccaf0;--missed:#f0b44c;--rest:#7d858e;--accent:#4fa9e6;
--area:#4fa9e626;--target:#f0b44c}}
*{box-sizing:border-box}
html{background:var(--bg);color:var(--fg)}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK KR",
"Apple SD Gothic Neo","Malgun Gothic",sans-serif;margin:0 auto;max-width:64rem;
padding:1.25rem clamp(.75rem,3vw,2rem) 3rem;overflow-wrap:anywhere}
/* Korean breaks between words, as it is written; a word too long for a line still wraps. */
:lang(ko) body{word-break:keep-all}
h1{font-size:1.6rem;font-weight:650;margin:.5rem 0 .25rem}
h2{font-size:1.2rem;font-weight:620;margin:0 0 .25rem}
h3{font-size:.95rem;font-weight:600;color:var(--muted);margin:.75rem 0 .25rem}
.sub,.note,.figures{color:var(--muted);margin:.25rem 0}
.card{background:var(--card);border:1px solid var(--line);border-radius:12px;
padding:1rem clamp(.75rem,2.5vw,1.25rem);margin:1rem 0}
.legend ul{list-style:none;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;margin:.5rem 0 0;
padding:0}
.legend li{display:flex;align-items:center;gap:.4rem;font-size:.9rem}
.swatch{width:16px;height:16px;flex:none}
.goal-body{display:flex;flex-wrap:wrap;gap:.5rem 2rem;align-items:flex-start}
.goal-body>div{flex:1 1 18rem;min-width:0}
.goal-body.wide>div{flex-basis:100%}
.months{display:flex;flex-wrap:wrap;gap:.75rem 1rem}
.month{margin:0;width:8.5rem;max-width:100%}
.month figcaption{font-size:.85rem;font-weight:600;margin-bottom:.15rem}
.month svg{display:block;width:100%;height:auto}
.chart{display:block;width:100%;max-width:30rem;height:auto}
.axis{font-size:11px;fill:var(--muted)}
.year{font-weight:600}
.tick{stroke:var(--muted);stroke-width:1}
.grid{stroke:var(--line);stroke-width:1}
.line{fill:none;stroke:var(--accent);stroke-width:2;stroke-linejoin:round}
.area{fill:var(--area)}
.target,.target-key{stroke:var(--target);stroke-width:1.2;stroke-dasharray:5 4}
.target-label{font-size:10px;fill:var(--target);font-weight:600;paint-order:stroke;
stroke:var(--card);stroke-width:3px;stroke-linejoin:round}
.bar{fill:var(--kept)}
.empty-bar{fill:var(--rest)}
.kept{fill:var(--kept)}
.partly{fill:var(--partly)}
.partly-edge{fill:none;stroke:var(--partly);stroke-width:1.3}
.frozen{fill:var(--frozen);stroke:var(--frozen-line);stroke-width:1}
.frozen-line{stroke:var(--frozen-line);stroke-width:1.2}
.missed{fill:none;stroke:var(--missed);stroke-width:1.6}
.missed-dot{fill:var(--missed)}
.rest{fill:none;stroke:var(--rest);stroke-width:1.2;stroke-dasharray:2.5 2}
.pending{fill:none;stroke:var(--rest);stroke-width:1.2}
.none{fill:var(--track)}
.chain{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem .6rem;list-style:none;
padding:0;margin:.5rem 0}
.chain li{display:flex;align-items:center;gap:.6rem;max-width:100%}
.step{background:var(--bg);border:1px solid var(--line);border-radius:8px;
padding:.35rem .6rem;min-width:0}
.arrow{color:var(--muted);font-weight:600}
.chain small{display:block;color:var(--muted)}
.values{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,22rem),1fr));
gap:.5rem 2rem}
.values h3{color:var(--fg)}
footer{color:var(--muted);font-size:.85rem;margin-top:2rem}
"""
