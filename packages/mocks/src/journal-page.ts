// The landing page's live journal: per mock, its latest requests (refused ones, injected faults and a
// proxy's spec violations highlighted), polled once a second from /__cxkit/journal.json on the same
// server, so the page needs no cross-origin request. Rendered with textContent: nothing a client sent is
// ever parsed as HTML. Entries are as the journal keeps them: credentials already redacted.
// The mocks show it on the API reference's landing page (docs.ts); a validating proxy serves it alone at
// its own `/` (proxyPage), for the vendor it proxies.
import type { ServerResponse } from "node:http";
import type { Listed } from "./docs.ts";

export const JOURNAL_JSON = "/__cxkit/journal.json";
const SHOWN = 15;

export function journalJson(mocks: Listed[], res: ServerResponse) {
  const body = JSON.stringify(
    Object.fromEntries(mocks.map((m) => [m.config.vendor, m.journal.entries().slice(0, SHOWN)])),
  );
  res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(body);
}

export function journalSection(mocks: Listed[]): string {
  const tables = mocks
    .map(
      (m) => `<h3>${m.config.title} <small>${m.url}/__cxkit/requests</small></h3>
<table class="journal" data-journal="${m.config.vendor}"><thead><tr><th>time</th><th>request</th><th>status</th><th>notes</th></tr></thead>
<tbody><tr class="empty"><td colspan="4">No request yet.</td></tr></tbody></table>`,
    )
    .join("\n");
  return `<h2>Recent requests</h2>
<p>The last ${SHOWN} requests each mock received, newest first, refreshed every second: <span class="refused">refused</span>,
<span class="violation">off-spec (proxy)</span>, <span class="fault">fault injected</span>. Credentials are redacted.</p>
<style>
.journal td{font:13px ui-monospace,monospace}.journal small,h3 small{color:#4a5468;font-weight:normal}
tr.refused td,span.refused{background:#fdecea}tr.violation td,span.violation{background:#fff4e0}
tr.fault td,span.fault{background:#eef3fd}
</style>
${tables}
<script>${SCRIPT}</script>`;
}

/** A validating proxy's landing page: the proxied vendor's live journal, violations highlighted. */
export function proxyPage(proxy: Listed, upstream: string): string {
  const title = `cxkit validating proxy: ${proxy.config.title}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2433}
h1{font-size:1.6rem;margin-bottom:.2rem}p{color:#4a5468}table{border-collapse:collapse;width:100%;margin-top:1rem}
th,td{text-align:left;padding:.5rem .6rem;border-bottom:1px solid #e3e6ec;vertical-align:top}th{background:#f5f7fa}
code{font:13px ui-monospace,monospace;background:#f5f7fa;padding:.1rem .3rem;border-radius:3px}
</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p>Every request to <code>${escapeHtml(proxy.url)}</code> is forwarded unchanged to <code>${escapeHtml(upstream)}</code>;
the request and the answer (status, headers, body) are checked against the ${escapeHtml(proxy.config.title)} spec.
The drift report is printed when the proxy stops.</p>
${journalSection([proxy])}
</body></html>
`;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

// Plain browser JavaScript (no build step): fetch, then rebuild each table body from the entries.
const SCRIPT = `
const cell = (text) => { const td = document.createElement("td"); td.textContent = text; return td; };
const target = (e) => e.path + (Object.keys(e.query).length ? "?" + new URLSearchParams(e.query) : "");
const notes = (e) => [
  ...(e.refused ?? []),
  ...(e.violations ?? []).map((v) => v.side + (v.field ? " " + v.field : "") + ": " + v.message),
  ...(e.fault ? ["fault: " + JSON.stringify(e.fault)] : []),
].join("; ");
function row(e) {
  const tr = document.createElement("tr");
  tr.dataset.seq = e.seq;
  if (e.violations) tr.className = "violation";
  else if (e.refused) tr.className = "refused";
  else if (e.fault) tr.className = "fault";
  tr.append(cell(e.time.slice(11, 23)), cell(e.method + " " + target(e)), cell(e.status ?? "—"), cell(notes(e)));
  return tr;
}
async function refresh() {
  try {
    const byVendor = await (await fetch("${JOURNAL_JSON}", { cache: "no-store" })).json();
    for (const [vendor, entries] of Object.entries(byVendor)) {
      const body = document.querySelector('table[data-journal="' + vendor + '"] tbody');
      if (body && entries.length) body.replaceChildren(...entries.map(row));
    }
  } catch {}
  setTimeout(refresh, 1000);
}
refresh();
`;
