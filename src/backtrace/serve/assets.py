"""The one stylesheet, served at ``/static/style.css`` (kept in Python so installs have it)."""

from __future__ import annotations

import hashlib

STYLE_CSS = """\
:root { --fg: #1d1f21; --muted: #595e63; --line: #d9dde1; --accent: #1f5fa8;
  --mark: #fff1a8; --bg: #fff; --soft: #f5f6f8; --bad: #a8321f; --good: #256b28; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--fg); background: var(--bg); }
main, .top, footer { max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
main { overflow-wrap: anywhere; }
.top { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center;
  padding-top: .75rem; padding-bottom: .75rem; border-bottom: 1px solid var(--line); }
.brand { font-weight: 700; font-size: 1.2rem; color: var(--fg); text-decoration: none; }
.search { display: flex; flex: 1 1 12rem; min-width: 0; gap: .4rem; }
.search input { flex: 1; min-width: 0; padding: .4rem .6rem; font: inherit;
  border: 1px solid var(--line); border-radius: 4px; }
.search button { padding: .4rem .8rem; font: inherit; border: 1px solid var(--accent);
  background: var(--accent); color: #fff; border-radius: 4px; }
footer { margin-top: 2rem; padding-top: .75rem; padding-bottom: 1.5rem;
  border-top: 1px solid var(--line); color: var(--muted); font-size: .9rem; }
a { color: var(--accent); }
.skip { position: absolute; left: -999px; top: 0; padding: .4rem .8rem;
  background: var(--bg); border: 2px solid var(--accent); }
.skip:focus { left: .5rem; top: .5rem; z-index: 1; }
h1 { font-size: 1.7rem; line-height: 1.2; margin: 1.2rem 0 .6rem; }
h2 { font-size: 1.2rem; margin: 1.4rem 0 .5rem; }
h3 { font-size: 1rem; margin: 1rem 0 .3rem; }
.year, .muted, .kind { color: var(--muted); }
.kind { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; }
.lead { font-size: 1.1rem; }
.filters { display: flex; flex-wrap: wrap; gap: .4rem .8rem; align-items: end; }
.filters input, .filters select { font: inherit; max-width: 100%; }
.counts { display: flex; flex-wrap: wrap; gap: .5rem; padding: 0; list-style: none; }
.counts li { background: var(--soft); border-radius: 4px; padding: .3rem .7rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem;
  border-bottom: 1px solid var(--line); overflow-wrap: break-word; }
/* a column is never narrower than its longest word ("anywhere" would let it be one letter) */
.facts-table th { width: 11rem; font-weight: 600; }
@media (max-width: 44rem) {
  /* a label above its values, so long labels are never cut mid-word */
  .facts-table, .facts-table tbody, .facts-table tr, .facts-table th, .facts-table td {
    display: block; width: auto; }
  .facts-table th { border: 0; padding: .4rem 0 0; }
  .facts-table td { padding: .1rem 0 .4rem; }
  /* a table of rows becomes stacked rows: every cell shown, none hidden */
  .list thead { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip-path: inset(50%); white-space: nowrap; }
  .list, .list tbody, .list tr, .list td { display: block; width: 100%; }
  .list tr { padding: .35rem 0; border-bottom: 1px solid var(--line); }
  .list td { border: 0; padding: .1rem 0; }
  .list td:empty { display: none; }
}
ul.facts, ul.results, ul.sources { list-style: none; margin: 0; padding: 0; }
ul.results li { padding: .35rem 0; border-bottom: 1px solid var(--line); }
details summary { cursor: pointer; }
ul.facts > li { margin-bottom: .25rem; }
.fact summary { font-size: .85rem; color: var(--muted); }
.proof { margin: .3rem 0 .6rem; padding: .5rem .6rem; background: var(--soft);
  border-left: 3px solid var(--accent); font-size: .92rem; }
.source { margin: .35rem 0; }
.source q { display: block; font-style: italic; }
.where { font-size: .8rem; word-break: break-all; }
.reason { color: var(--muted); font-size: .88rem; }
.status { font-size: .75rem; padding: 0 .35rem; border-radius: 3px; background: #e4efe4;
  color: var(--good); }
.status-conflict { background: #f8e3de; color: var(--bad); }
.status-overridden { background: #e6e9f5; color: var(--accent); }
/* a value's standing: its word (and symbol) tell believed, disputed and overruled apart */
.status-believed { background: #e4efe4; color: var(--good); }
.status-disputed { background: #f8e3de; color: var(--bad); }
.status-decided { background: #e6e9f5; color: var(--accent); }
.status-overruled { background: #ececec; color: var(--fg); }
.summary q { font-style: italic; }
.passage { margin: 0; padding: 0 .8rem; border-left: 3px solid var(--line); }
ol.timeline { padding-left: 1.2rem; }
ol.timeline > li { margin-bottom: .25rem; }
.timeline time { font-variant-numeric: tabular-nums; font-weight: 600; }
.bars { max-width: min(100%, 36rem); height: auto; font-size: 13px; }
.bars text { fill: var(--fg); }
.bar-believed { fill: var(--accent); }
.bar-disputed { fill: #c9ced4; }
mark { background: var(--mark); color: inherit; padding: 0 1px; }
mark:target { outline: 2px solid var(--accent); }
.doctext { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--soft);
  padding: .8rem; border-radius: 4px; font-size: .95rem; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
.meta dt { font-weight: 600; }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.snippet { color: var(--muted); font-size: .9rem; }
.context { color: var(--muted); font-size: .9rem; }
.reviews th, .reviews td { overflow-wrap: break-word; }
.note { background: var(--soft); padding: .4rem .6rem; border-radius: 4px; }
.answer-card { border: 1px solid var(--line); border-left: 3px solid var(--accent);
  border-radius: 6px; padding: 0 .8rem .6rem; margin: 1rem 0; }
.answer-card ol.answers { padding-left: 1.2rem; }
.answer-card li.answer { margin: .5rem 0; }
.ask { margin: .5rem 0 1rem; }
.reception .consensus { font-size: 1.05rem; }
.reception .citations { font-size: .9rem; }
.reception .citations li:target { background: var(--mark); }
.reception q { font-style: italic; }
.aspect-positive { color: var(--good); }
.aspect-negative { color: var(--bad); }
"""

STYLE_ETAG = '"' + hashlib.sha256(STYLE_CSS.encode()).hexdigest()[:16] + '"'
