// Reads the raw results bench/run wrote (OUT/meta.json, OUT/<server>/run<i>/*.json, server.json)
// and prints the table (medians of the runs, ratios against OpenIddict and the ceiling, issue 9's
// targets) and one JSON line last. Also writes OUT/summary.json. Usage: node summarize.mjs OUT_DIR
import fs from "node:fs";
import path from "node:path";

const out = process.argv[2];
if (!out) { console.error("usage: node summarize.mjs OUT_DIR"); process.exit(2); }
const readJsonAt = (...p) => { try { return JSON.parse(fs.readFileSync(path.join(...p), "utf8")); } catch { return null; } };
const readJson = (...p) => readJsonAt(out, ...p);
const meta = readJson("meta.json") ?? {};
const servers = (meta.servers ?? "minioauth openiddict ceiling").split(/\s+/).filter(Boolean);
const round = (x, d = 1) => (x === null || x === undefined || Number.isNaN(x) ? null : Math.round(x * 10 ** d) / 10 ** d);
const median = (xs) => {
  const s = xs.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// The metrics of one run of one server: { metric: value }, plus the reasons of the ones that failed.
function metricsOfRun(server, dir) {
  const m = {};
  const errors = {};
  const warnings = [];
  const noise = {}; // workload -> CPU % of a core used by other processes while it was measured
  const setup = readJsonAt(dir, "setup.json") ?? {};
  for (const [w, label] of [["w1", "token_cc"], ["w2", "introspect"], ["w3", "userinfo"]]) {
    const r = readJsonAt(dir, `${w}.json`);
    if (!r?.ok) { errors[w] = setup[label]?.error ?? r?.error ?? "no result"; continue; }
    const failed = r.wrk.non2xx + r.wrk.socket_errors;
    if (r.wrk.requests === 0 || failed > 0.01 * r.wrk.requests) {
      errors[w] = `${failed} of ${r.wrk.requests} requests failed (non-2xx: ${r.wrk.non2xx}, socket errors: ${r.wrk.socket_errors})`;
      continue;
    }
    m[`${w}_${label}_rps`] = r.wrk.rps;
    m[`${w}_${label}_p99_ms`] = r.wrk.p99_ms;
    m[`${w}_${label}_cpu_ms_per_req`] = r.server_cpu_ms / r.wrk.requests;
    const other = (r.machine_busy_ms - r.server_cpu_ms - r.loadgen_cpu_ms) * 100 / r.wall_ms;
    noise[w] = other;
  }
  const flows = readJsonAt(dir, "flows.json");
  const refresh = flows?.refresh;
  if (refresh?.ok) {
    m.w4_refresh_mean_ms = refresh.mean_ms;
    m.w4_refresh_p99_ms = refresh.p99_ms;
    m.w4_refresh_cpu_ms_per_rotation = refresh.server_cpu_ms;
    if (refresh.rotated < refresh.rotations && server !== "ceiling") {
      warnings.push(`w4: only ${refresh.rotated} of ${refresh.rotations} refreshes returned a new refresh token (no rotation)`);
    }
    noise.w4 = refresh.other_cpu_pct;
  } else errors.w4 = refresh?.error ?? "no result";
  const flow = flows?.code_flow;
  if (flow?.ok) {
    for (const [key, phase] of [["1", flow.one], ["n", flow.many]]) {
      if (phase.errors > 0.01 * (phase.flows + phase.errors)) {
        errors[`w5_${key}`] = `${phase.errors} of ${phase.flows + phase.errors} flows failed: ${phase.last_error}`;
        continue;
      }
      m[`w5_flows_per_s_${key}`] = phase.flows_per_s;
      m[`w5_cpu_ms_per_flow_${key}`] = phase.server_cpu_ms;
      noise[`w5_${key}`] = phase.other_cpu_pct;
    }
  } else errors.w5 = flow?.error ?? "no result";
  return { m, errors, warnings, noise };
}

const results = {};
const problems = {};
const notes = {};
for (const server of servers) {
  const dir = path.join(out, server);
  const runs = fs.existsSync(dir) ? fs.readdirSync(dir).filter((d) => /^run\d+$/.test(d)).sort() : [];
  const perRun = runs.map((r) => metricsOfRun(server, path.join(dir, r)));
  const keys = [...new Set(perRun.flatMap((r) => Object.keys(r.m)))];
  results[server] = Object.fromEntries(keys.map((k) => [k, median(perRun.map((r) => r.m[k]))]));
  // Peak RSS: the highest VmHWM of the server's starts.
  const rssFiles = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.startsWith("peak_rss_kb.")) : [];
  const rss = Math.max(0, ...rssFiles.map((f) => Number(fs.readFileSync(path.join(dir, f), "utf8"))));
  results[server].peak_rss_mb = rss ? rss / 1024 : null;
  let fatal = null;
  try { fatal = fs.readFileSync(path.join(dir, "error.txt"), "utf8").trim(); } catch { /* none */ }
  const errs = {};
  // The same failure in every run is said once (request ids differ from run to run).
  const sameness = (e) => e.replace(/,?"traceId":"[^"]*"/g, "");
  perRun.forEach((r) => Object.entries(r.errors).forEach(([w, e]) => { (errs[w] ??= new Set()).add(sameness(e)); }));
  problems[server] = { ...(fatal ? { server: fatal } : {}), ...Object.fromEntries(Object.entries(errs).map(([w, s]) => [w, [...s].join(" | ")])) };
  notes[server] = [...new Set(perRun.flatMap((r) => r.warnings))];
  const noisiest = {};
  for (const r of perRun) for (const [w, pct] of Object.entries(r.noise)) noisiest[w] = Math.max(noisiest[w] ?? 0, pct);
  const noisy = Object.entries(noisiest).filter(([, pct]) => pct > 15).map(([w, pct]) => `${w} ${Math.round(pct)}%`);
  if (noisy.length) notes[server].push(`noisy machine, other processes' CPU (% of a core, worst run): ${noisy.join(", ")}`);
  results[server].runs_ok = perRun.length;
}

// Rows: metric key, label, unit, whether higher is better, the target against OpenIddict / the ceiling.
const rows = [
  ["w1_token_cc_rps", "W1 client_credentials token", "req/s", true, { oidc: 10, ceil: 1 / 3 }],
  ["w1_token_cc_p99_ms", "   p99", "ms", false],
  ["w1_token_cc_cpu_ms_per_req", "   server CPU", "ms/req", false],
  ["w2_introspect_rps", "W2 introspection", "req/s", true, { oidc: 10, ceil: 1 / 3 }],
  ["w2_introspect_p99_ms", "   p99", "ms", false],
  ["w2_introspect_cpu_ms_per_req", "   server CPU", "ms/req", false],
  ["w3_userinfo_rps", "W3 userinfo", "req/s", true, { oidc: 3, ceil: 1 / 3 }],
  ["w3_userinfo_p99_ms", "   p99", "ms", false],
  ["w3_userinfo_cpu_ms_per_req", "   server CPU", "ms/req", false],
  ["w4_refresh_mean_ms", "W4 refresh rotation, mean", "ms", false, { oidc: 1 / 4 }],
  ["w4_refresh_p99_ms", "   p99", "ms", false],
  ["w4_refresh_cpu_ms_per_rotation", "   server CPU", "ms/rot", false],
  ["w5_flows_per_s_1", "W5 code+PKCE flows, 1 worker", "flows/s", true, { oidc: 3 }],
  ["w5_cpu_ms_per_flow_1", "   server CPU", "ms/flow", false],
  ["w5_flows_per_s_n", `W5 flows, ${meta.flow_workers ?? 8} workers`, "flows/s", true, { oidc: 3 }],
  ["w5_cpu_ms_per_flow_n", "   server CPU", "ms/flow", false],
  // Issue 9 asked for half of OpenIddict's peak; issue 20 set the target at three quarters.
  ["peak_rss_mb", "peak RSS", "MB", false, { oidc: 3 / 4 }],
];

const value = (s, k) => results[s]?.[k] ?? null;
const ratio = (k, other) => {
  const a = value("minioauth", k);
  const b = value(other, k);
  return a === null || b === null || b === 0 ? null : a / b;
};
const ratios = { vs_openiddict: {}, vs_ceiling: {} };
const targets = {};
for (const [k, , , higherIsBetter, target] of rows) {
  ratios.vs_openiddict[k] = round(ratio(k, "openiddict"), 3);
  ratios.vs_ceiling[k] = round(ratio(k, "ceiling"), 3);
  if (!target) continue;
  const checks = [];
  if (target.oidc !== undefined && ratios.vs_openiddict[k] !== null) {
    checks.push(higherIsBetter ? ratios.vs_openiddict[k] >= target.oidc : ratios.vs_openiddict[k] <= target.oidc);
  }
  if (target.ceil !== undefined && ratios.vs_ceiling[k] !== null) checks.push(ratios.vs_ceiling[k] >= target.ceil);
  targets[k] = checks.length === 0 ? null : checks.every(Boolean);
}
// Peak RSS only means something when MiniOAuth ran every workload.
const miniComplete = Object.keys(problems.minioauth ?? { missing: true }).length === 0;
if (!miniComplete) targets.peak_rss_mb = null;

// ---- the table ----
const fmt = (x) => {
  if (x === null) return "-";
  const a = Math.abs(x);
  return a >= 1000 ? Math.round(x).toLocaleString("en-US") : a >= 100 ? x.toFixed(0) : a >= 10 ? x.toFixed(1) : a >= 1 ? x.toFixed(2) : x.toFixed(3);
};
const fmtRatio = (x) => (x === null ? "-" : `${x >= 10 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(2)}x`);
const targetText = (t, higher) => {
  if (!t) return "";
  const parts = [];
  if (t.oidc !== undefined) parts.push(higher ? `>=${t.oidc}x oidc` : `<=${fmtRatio(t.oidc).replace("x", "")}x oidc`);
  if (t.ceil !== undefined) parts.push(`>=1/3 ceil`);
  return parts.join(", ");
};
const names = { minioauth: "MiniOAuth", openiddict: "OpenIddict", ceiling: "ceiling" };
const lines = [];
lines.push(`MiniOAuth benchmark, ${meta.date ?? ""}, commit ${meta.commit ?? "?"}: ${meta.cpus ?? "?"} CPUs (${meta.cpu_model ?? "?"})`);
lines.push(`medians of ${meta.runs} runs${meta.warmup_pass ? ", each server warmed by one unmeasured pass" : ", cold servers"}; wrk ${meta.conns} connections, ${meta.warm_s}s warm-up + ${meta.dur_s}s; W4 ${meta.refresh_n} rotations; W5 ${meta.flow_s}s per phase`);
lines.push("");
const head = ["", "", ...servers.map((s) => names[s] ?? s), "Mini/OIDC", "Mini/ceil", "target", ""];
const table = [head];
for (const [k, label, unit, higher, target] of rows) {
  const incomplete = k === "peak_rss_mb" && !miniComplete && servers.includes("minioauth") ? " (MiniOAuth incomplete)" : "";
  table.push([label + incomplete, unit, ...servers.map((s) => fmt(value(s, k))), fmtRatio(ratios.vs_openiddict[k]), fmtRatio(ratios.vs_ceiling[k]),
    targetText(target, higher), targets[k] === undefined || targets[k] === null ? "" : targets[k] ? "met" : "MISSED"]);
}
const widths = head.map((_, i) => Math.max(...table.map((r) => String(r[i]).length)));
for (const r of table) {
  lines.push(r.map((c, i) => (i < 2 || i >= r.length - 2 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ").trimEnd());
}
lines.push("");
lines.push("Ratios are MiniOAuth / other: above 1 is better for req/s and flows/s, below 1 is better for ms, CPU and MB.");
for (const s of servers) {
  for (const [w, e] of Object.entries(problems[s])) lines.push(`${names[s] ?? s} ${w}: ${e}`);
  for (const n of notes[s]) lines.push(`${names[s] ?? s}: ${n}`);
}
console.log(lines.join("\n"));

const rounded = Object.fromEntries(Object.entries(results).map(([s, m]) =>
  [s, Object.fromEntries(Object.entries(m).map(([k, v]) => [k, typeof v === "number" ? round(v, 3) : v]))]));
const summary = { bench: "minioauth", ...meta, results: rounded, ratios, targets, errors: problems, warnings: notes };
fs.writeFileSync(path.join(out, "summary.json"), JSON.stringify(summary, null, 1) + "\n");
console.log(JSON.stringify(summary));
