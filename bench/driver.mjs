// The benchmark's driver for the paths wrk cannot drive: it logs in and consents through the
// server's HTML pages like a browser (cookie jar, hidden form fields), and runs W4 and W5.
// Node 20, no packages. Used by bench/run; by hand:
//
//   node bench/driver.mjs setup BASE_URL OUT_DIR   tokens for wrk and a probe of every path -> OUT_DIR/setup.json, setup.env
//   node bench/driver.mjs flows BASE_URL OUT_DIR   W4 (refresh rotations) and W5 (code + PKCE flows) -> OUT_DIR/flows.json
//
// Environment: SERVER_PID (adds the server's CPU ms per rotation / flow), REFRESH_N (300), REFRESH_WARM (20),
// FLOW_S (10, seconds per W5 phase), FLOW_WORKERS (8), WARM (3, seconds of W5 warm-up),
// CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, BENCH_USER, BENCH_PASSWORD, BENCH_SCOPE (contract demo values).
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

const env = process.env;
const CLIENT_ID = env.CLIENT_ID ?? "23423423";
const CLIENT_SECRET = env.CLIENT_SECRET ?? "Ov23lipRJArXBVcwaV9zOv23lipRJArXBVcwaV9z";
const REDIRECT_URI = env.REDIRECT_URI ?? "http://localhost:5000/callback";
const USER = env.BENCH_USER ?? "alice";
const PASSWORD = env.BENCH_PASSWORD ?? "alicepass";
const SCOPE = env.BENCH_SCOPE ?? "profile email roles";
const REFRESH_N = Number(env.REFRESH_N ?? 300);
const FLOW_S = Number(env.FLOW_S ?? 10);
const FLOW_WORKERS = Number(env.FLOW_WORKERS ?? 8);
const WARM = Number(env.WARM ?? 3);
const SERVER_PID = env.SERVER_PID;
const BASIC = "Basic " + Buffer.from(`${encodeURIComponent(CLIENT_ID)}:${encodeURIComponent(CLIENT_SECRET)}`).toString("base64");

// ---------- HTTP with keep-alive ----------

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function send(url, { method = "GET", headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const allHeaders = body === undefined ? headers : { ...headers, "content-length": Buffer.byteLength(body) };
    const req = http.request(
      { hostname: u.hostname, port: u.port, path: u.pathname + u.search, method, headers: allHeaders, agent },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      });
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${u.pathname}: no answer in 30 s`)));
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const form = (fields) => new URLSearchParams(fields).toString();
const snippet = (res) => `${res.status} ${res.body.replace(/\s+/g, " ").slice(0, 200)}`;
const parseJson = (res, what) => {
  try { return JSON.parse(res.body); } catch { throw new Error(`${what}: answer is not JSON: ${snippet(res)}`); }
};

function postToken(base, fields) {
  return send(`${base}/oauth/token/`, {
    method: "POST",
    headers: { authorization: BASIC, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: form(fields),
  });
}

// ---------- a browser's cookie jar and form filling ----------

class CookieJar {
  #cookies = new Map();
  store(setCookie) {
    for (const line of setCookie ?? []) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a))
        || attrs.some((a) => /^\s*expires\s*=/i.test(a) && Date.parse(a.split("=").slice(1).join("=")) < Date.now());
      if (expired || value === "") this.#cookies.delete(name); else this.#cookies.set(name, value);
    }
  }
  header() { return [...this.#cookies].map(([n, v]) => `${n}=${v}`).join("; "); }
}

const decodeEntities = (s) => s
  .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
  .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
  .replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

function attributes(tag) {
  const attrs = {};
  for (const m of tag.matchAll(/([^\s"'=<>\/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    attrs[m[1].toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? "");
  }
  return attrs;
}

function parseForms(html) {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)].map(([, formAttrs, inner]) => {
    const a = attributes(formAttrs);
    const inputs = [...inner.matchAll(/<input\b([^>]*)>/gi)].map((m) => attributes(m[1]));
    const buttons = [...inner.matchAll(/<button\b([^>]*)>/gi)].map((m) => ({ type: "submit", ...attributes(m[1]) }))
      .concat(inputs.filter((i) => (i.type ?? "").toLowerCase() === "submit"));
    return { action: a.action ?? "", method: (a.method ?? "get").toUpperCase(), inputs, buttons };
  });
}

// The fields a browser would send: named inputs except buttons and unchecked boxes.
function formFields(f) {
  const fields = [];
  for (const i of f.inputs) {
    const type = (i.type ?? "text").toLowerCase();
    if (!i.name || ["submit", "button", "image", "reset"].includes(type)) continue;
    if (["checkbox", "radio"].includes(type) && !("checked" in i)) continue;
    fields.push([i.name, i.value ?? (type === "checkbox" ? "on" : "")]);
  }
  return fields;
}

function pkce() {
  const verifier = crypto.randomBytes(32).toString("base64url");
  return { verifier, challenge: crypto.createHash("sha256").update(verifier).digest("base64url") };
}

function authorizeUrl(base, state, challenge) {
  const q = new URLSearchParams({
    response_type: "code", client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, scope: SCOPE, state,
    code_challenge: challenge, code_challenge_method: "S256",
  });
  return `${base}/oauth/authorize/?${q}`;
}

// Follows the authorization request like a browser: redirects, the login form, the consent form,
// until the server sends the browser to the redirect URI. Returns the code.
async function browseToCode(base, jar, state, challenge) {
  let url = authorizeUrl(base, state, challenge);
  let method = "GET";
  let body;
  const pages = [];
  for (let step = 0; step < 12; step++) {
    const headers = { cookie: jar.header(), accept: "text/html" };
    if (body !== undefined) headers["content-type"] = "application/x-www-form-urlencoded";
    const res = await send(url, { method, headers, body });
    jar.store(res.headers["set-cookie"]);
    if (res.status >= 300 && res.status < 400 && res.headers.location) {
      const next = new URL(res.headers.location, url);
      if (next.href.startsWith(REDIRECT_URI)) return { code: codeFrom(next, state), pages };
      [url, method, body] = [next.href, "GET", undefined];
      continue;
    }
    if (res.status !== 200) throw new Error(`${method} ${new URL(url).pathname} answered ${snippet(res)}`);
    const forms = parseForms(res.body);
    const login = forms.find((f) => f.inputs.some((i) => i.name === "password"));
    const consent = forms.find((f) => f.buttons.some((b) => b.name === "decision" && b.value === "allow"));
    let fields;
    if (login) {
      if (pages.includes("login")) throw new Error(`login as ${USER} failed: the login form came back`);
      pages.push("login");
      fields = formFields(login).filter(([n]) => n !== "username" && n !== "password");
      fields.push(["username", USER], ["password", PASSWORD]);
      [url, method] = [new URL(login.action || url, url).href, login.method];
    } else if (consent) {
      if (pages.includes("consent")) throw new Error("the consent form came back after allowing");
      pages.push("consent");
      fields = formFields(consent);
      fields.push(["decision", "allow"]);
      [url, method] = [new URL(consent.action || url, url).href, consent.method];
    } else {
      throw new Error(`${new URL(url).pathname} shows neither a login form (password field) nor a consent form (decision=allow button)`);
    }
    body = form(fields);
    if (method === "GET") [url, body] = [`${url.split("?")[0]}?${body}`, undefined];
  }
  throw new Error("no redirect to the client after 12 steps");
}

function codeFrom(callback, state) {
  const p = callback.searchParams;
  if (p.get("error")) throw new Error(`authorization error at the redirect URI: ${p.get("error")} ${p.get("error_description") ?? ""}`);
  if (p.get("state") !== state) throw new Error(`state not echoed: sent ${state}, got ${p.get("state")}`);
  if (!p.get("code")) throw new Error(`no code at the redirect URI: ${callback.search}`);
  return p.get("code");
}

async function redeem(base, code, verifier) {
  const res = await postToken(base, { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, code_verifier: verifier });
  if (res.status !== 200) throw new Error(`code exchange answered ${snippet(res)}`);
  const t = parseJson(res, "code exchange");
  if (!t.access_token) throw new Error(`code exchange gave no access_token: ${snippet(res)}`);
  return t;
}

// A user session through the HTML pages (login + consent), and its first tokens.
async function loginAndConsent(base) {
  const jar = new CookieJar();
  const { verifier, challenge } = pkce();
  const state = crypto.randomBytes(8).toString("hex");
  const { code, pages } = await browseToCode(base, jar, state, challenge);
  return { jar, pages, tokens: await redeem(base, code, verifier) };
}

// ---------- measurements ----------

const cpuTicks = Number(env.CLK_TCK ?? 100);
function serverCpuMs() {
  if (!SERVER_PID) return null;
  const stat = fs.readFileSync(`/proc/${SERVER_PID}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(f[11]) + Number(f[12])) * 1000 / cpuTicks;
}
function machineBusyMs() {
  const f = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  return (f[0] + f[1] + f[2] + f[7]) * 1000 / cpuTicks; // user, nice, system, steal (as bench/run)
}
function snapshot() {
  const own = process.cpuUsage();
  return { wall: performance.now(), server: serverCpuMs(), machine: machineBusyMs(), own: (own.user + own.system) / 1000 };
}
// Server CPU per operation, and the CPU share (% of one core) taken by processes other than the server and this driver.
function cpuBetween(a, b, operations) {
  const server = a.server === null ? null : b.server - a.server;
  const other = (b.machine - a.machine) - (server ?? 0) - (b.own - a.own);
  return {
    server_cpu_ms: server === null || operations === 0 ? null : round(server / operations, 3),
    other_cpu_pct: round(Math.max(0, other) * 100 / (b.wall - a.wall), 1),
  };
}
const round = (x, d) => Math.round(x * 10 ** d) / 10 ** d;
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];

// W4: REFRESH_N rotations in a row, each with the refresh token the previous one returned,
// after REFRESH_WARM unmeasured ones (the server may have just started: JIT).
const REFRESH_WARM = Number(env.REFRESH_WARM ?? 20);
async function refreshChain(base, firstRefreshToken) {
  let token = firstRefreshToken;
  const latencies = [];
  let rotated = 0;
  let a = snapshot();
  for (let i = -REFRESH_WARM; i < REFRESH_N; i++) {
    if (i === 0) [latencies.length, rotated, a] = [0, 0, snapshot()];
    const t0 = performance.now();
    const res = await postToken(base, { grant_type: "refresh_token", refresh_token: token });
    latencies.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`rotation ${i + REFRESH_WARM + 1} answered ${snippet(res)}`);
    const next = parseJson(res, `rotation ${i + REFRESH_WARM + 1}`).refresh_token;
    if (!next) throw new Error(`rotation ${i + REFRESH_WARM + 1} gave no refresh_token`);
    if (next !== token) rotated++;
    token = next;
  }
  const cpu = cpuBetween(a, snapshot(), REFRESH_N);
  const sorted = [...latencies].sort((x, y) => x - y);
  return {
    rotations: REFRESH_N, rotated, mean_ms: round(latencies.reduce((s, x) => s + x, 0) / REFRESH_N, 3),
    p50_ms: round(percentile(sorted, 50), 3), p99_ms: round(percentile(sorted, 99), 3), ...cpu,
  };
}

// W5: one complete flow with a logged-in, consented session: authorize (no page), then token.
async function oneFlow(base, jar) {
  const { verifier, challenge } = pkce();
  const state = crypto.randomBytes(8).toString("hex");
  const res = await send(authorizeUrl(base, state, challenge), { headers: { cookie: jar.header(), accept: "text/html" } });
  if (res.status < 300 || res.status >= 400 || !res.headers.location?.startsWith(REDIRECT_URI)) {
    throw new Error(`authorize with a consented session did not redirect to the client: ${snippet(res)}`);
  }
  await redeem(base, codeFrom(new URL(res.headers.location), state), verifier);
}

async function flowsFor(seconds, workers, base, jar) {
  let flows = 0;
  let errors = 0;
  let lastError;
  const end = performance.now() + seconds * 1000;
  const a = snapshot();
  await Promise.all(Array.from({ length: workers }, async () => {
    while (performance.now() < end) {
      try { await oneFlow(base, jar); flows++; } catch (e) {
        errors++; lastError = e.message;
        if (errors > 20 && errors > flows) throw new Error(`W5 mostly failing: ${lastError}`);
      }
    }
  }));
  const b = snapshot();
  const cpu = cpuBetween(a, b, flows);
  return { workers, flows, errors, last_error: lastError ?? null, flows_per_s: round(flows * 1000 / (b.wall - a.wall), 2), ...cpu };
}

// ---------- commands ----------

async function attempt(fn) {
  try { return { ok: true, ...(await fn()) }; } catch (e) { return { ok: false, error: e.message }; }
}

async function setup(base, out) {
  const result = {};
  let ccToken;
  let userToken;
  result.token_cc = await attempt(async () => {
    const res = await postToken(base, { grant_type: "client_credentials" });
    if (res.status !== 200) throw new Error(`POST /oauth/token/ (client_credentials) answered ${snippet(res)}`);
    ccToken = parseJson(res, "client_credentials").access_token;
    if (!ccToken) throw new Error("client_credentials gave no access_token");
    return {};
  });
  result.code_flow = await attempt(async () => {
    const { pages, tokens } = await loginAndConsent(base);
    userToken = tokens.access_token;
    return { pages, refresh_token_issued: Boolean(tokens.refresh_token) };
  });
  const introspected = ccToken ?? userToken;
  result.introspect = await attempt(async () => {
    if (!introspected) throw new Error("no access token to introspect (both token paths failed)");
    const res = await send(`${base}/oauth/introspect/`, {
      method: "POST",
      headers: { authorization: BASIC, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: form({ token: introspected, token_type_hint: "access_token" }),
    });
    if (res.status !== 200) throw new Error(`POST /oauth/introspect/ answered ${snippet(res)}`);
    if (parseJson(res, "introspection").active !== true) throw new Error(`live token introspected as not active: ${snippet(res)}`);
    return { token: ccToken ? "client_credentials" : "user" };
  });
  result.userinfo = await attempt(async () => {
    if (!userToken) throw new Error("no user access token (the code flow failed)");
    const res = await send(`${base}/oauth/userinfo/`, { headers: { authorization: `Bearer ${userToken}`, accept: "application/json" } });
    if (res.status !== 200) throw new Error(`GET /oauth/userinfo/ answered ${snippet(res)}`);
    if (!parseJson(res, "userinfo").sub) throw new Error(`userinfo without sub: ${snippet(res)}`);
    return {};
  });
  fs.writeFileSync(path.join(out, "setup.json"), JSON.stringify(result, null, 1) + "\n");
  // Tokens are base64url and dots only, so the shell can source them as they are.
  const line = (k, v) => `${k}='${String(v ?? "").replace(/[^A-Za-z0-9._~+\/=-]/g, "")}'\n`;
  fs.writeFileSync(path.join(out, "setup.env"),
    line("CC_TOKEN", ccToken) + line("INTROSPECTED_TOKEN", introspected) + line("USER_TOKEN", userToken)
    + line("W1_OK", result.token_cc.ok ? 1 : "") + line("W2_OK", result.introspect.ok ? 1 : "") + line("W3_OK", result.userinfo.ok ? 1 : ""));
  for (const [k, v] of Object.entries(result)) if (!v.ok) console.error(`[driver] ${k}: ${v.error}`);
}

async function flows(base, out) {
  const result = {};
  const session = await attempt(() => loginAndConsent(base));
  if (!session.ok) {
    result.refresh = result.code_flow = { ok: false, error: `login + consent + code exchange failed: ${session.error}` };
  } else {
    result.refresh = await attempt(async () => {
      if (!session.tokens.refresh_token) throw new Error("the code exchange gave no refresh_token");
      return refreshChain(base, session.tokens.refresh_token);
    });
    result.code_flow = await attempt(async () => {
      await flowsFor(WARM, 1, base, session.jar);
      return { one: await flowsFor(FLOW_S, 1, base, session.jar), many: await flowsFor(FLOW_S, FLOW_WORKERS, base, session.jar) };
    });
  }
  fs.writeFileSync(path.join(out, "flows.json"), JSON.stringify(result, null, 1) + "\n");
  for (const [k, v] of Object.entries(result)) if (!v.ok) console.error(`[driver] ${k}: ${v.error}`);
}

const [command, baseArg, out] = process.argv.slice(2);
const commands = { setup, flows };
if (!commands[command] || !baseArg || !out) {
  console.error("usage: node driver.mjs setup|flows BASE_URL OUT_DIR");
  process.exit(2);
}
await commands[command](baseArg.replace(/\/$/, ""), out);
agent.destroy();
