// The newsroom page: every page is drawn from the JSON API, with the API key the editor gives
// (kept for the browser tab only). Text from the service is always set as text, never as HTML.
"use strict";

const LABELS = JSON.parse(document.getElementById("labels").textContent);
const ROOT = document.body.dataset.api || "";
const KEY_STORE = "events-api-key";
// Highlight kinds, strongest first: a character in two spans shows the stronger kind.
const KINDS = ["trigger", "participant", "place", "time", "agenda"];
const KIND_NAMES = { edit: "تصحيح", reject: "رفض", merge: "دمج", split: "فصل" };

// --- small helpers -----------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

const $ = (id) => document.getElementById(id);
const typeName = (type) => LABELS.types[type] || type;
const roleName = (role) => LABELS.roles[role] || role;

function say(message) {
  $("status").textContent = message;
}

function showProblem(problem) {
  const box = $("problem");
  if (!problem) {
    box.hidden = true;
    box.textContent = "";
    return;
  }
  box.hidden = false;
  const details = problem.errors ? " " + JSON.stringify(problem.errors) : "";
  box.textContent = `${problem.title || "خطأ"}: ${problem.detail || ""}${details}`;
}

class ApiError extends Error {
  constructor(problem) {
    super(problem.detail || problem.title);
    this.problem = problem;
  }
}

async function api(path, { method = "GET", body, query } = {}) {
  const url = new URL(ROOT + path, window.location.origin);
  for (const [name, value] of Object.entries(query || {})) {
    if (value !== "" && value !== null && value !== undefined) url.searchParams.set(name, value);
  }
  const headers = {};
  const key = sessionStorage.getItem(KEY_STORE);
  if (key) headers["X-API-Key"] = key;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const type = response.headers.get("Content-Type") || "";
  const data = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) throw new ApiError(typeof data === "object" ? data : { title: String(response.status), detail: data });
  showProblem(null);
  return data;
}

// Run an action, reporting a problem instead of failing silently.
async function attempt(action) {
  try {
    return await action();
  } catch (error) {
    if (error instanceof ApiError) showProblem(error.problem);
    else showProblem({ title: "خطأ", detail: error.message });
    say("");
    return undefined;
  }
}

function formValues(form) {
  const values = {};
  for (const [name, value] of new FormData(form).entries()) {
    if (String(value).trim() !== "") values[name] = String(value).trim();
  }
  return values;
}

function eventLink(event) {
  return el("a", { href: `${ROOT}/ui/events/${event.id}` }, `${typeName(event.type)} ${event.id}`);
}

function personLink(person) {
  return el("a", { href: `${ROOT}/ui/people/${person.person_id ?? person.id}` }, person.name);
}

function describePerson(person) {
  const details = [person.title, person.country].filter(Boolean).join("، ");
  return [person.person_id || person.id ? personLink(person) : person.name,
    details ? ` (${details})` : "", person.role ? ` — ${roleName(person.role)}` : ""];
}

function placeText(location) {
  if (!location) return "—";
  return [location.venue, location.name, location.country].filter(Boolean).join("، ");
}

function dateText(time) {
  return time && time.date ? time.date : "—";
}

// The definition list of an event's slots, shared by the cards and the event page.
function eventDetails(event) {
  const people = el("ul", { class: "plain" }, event.participants.map((p) => el("li", {}, describePerson(p))));
  return el("dl", {},
    el("dt", {}, "من"), el("dd", {}, people),
    el("dt", {}, "أين"), el("dd", {}, placeText(event.location)),
    el("dt", {}, "متى"), el("dd", {}, dateText(event.time)),
    el("dt", {}, "عن"), el("dd", {}, event.agenda.map((item) => item.text).join("؛ ") || "—"),
    el("dt", {}, "الثقة"), el("dd", {}, Math.round(event.confidence * 100) + "٪"));
}

function badges(event) {
  return [event.rejected ? el("span", { class: "badge rejected" }, "مرفوض") : null,
    event.corrections && event.corrections.length ? el("span", { class: "badge corrected" }, "مصحَّح") : null];
}

// --- key ------------------------------------------------------------------------------

function setUpKey() {
  const input = $("api-key");
  input.value = sessionStorage.getItem(KEY_STORE) || "";
  $("key-form").addEventListener("submit", (submit) => {
    submit.preventDefault();
    if (input.value) sessionStorage.setItem(KEY_STORE, input.value);
    else sessionStorage.removeItem(KEY_STORE);
    say(input.value ? "سيُرسل المفتاح مع كل طلب." : "لا مفتاح.");
  });
}

// --- read: the article with its events highlighted ---------------------------------

// Every span an event quotes in this article, with its kind.
function spansOf(event, articleId) {
  const here = (item) => item && item.start !== null && item.start !== undefined
    && (articleId === undefined || item.article_id === undefined || item.article_id === articleId);
  const spans = [];
  const add = (item, kind) => { if (here(item)) spans.push({ start: item.start, end: item.end, kind }); };
  add(event.trigger, "trigger");
  for (const person of event.participants) {
    for (const mention of person.mentions || []) {
      if (articleId === undefined || person.article_id === articleId) add(mention, "participant");
    }
  }
  add(event.location, "place");
  add(event.time, "time");
  for (const item of event.agenda) add(item, "agenda");
  return spans;
}

function highlightedText(text, events, articleId) {
  const marks = events.flatMap((event, index) => spansOf(event, articleId).map((span) => ({ ...span, index })));
  const cuts = new Set([0, text.length]);
  for (const mark of marks) { cuts.add(mark.start); cuts.add(mark.end); }
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    const covering = marks.filter((m) => m.start <= start && m.end >= end);
    const piece = text.slice(start, end);
    if (!covering.length) {
      pieces.push(piece);
      continue;
    }
    const kind = KINDS.find((k) => covering.some((m) => m.kind === k));
    const owners = [...new Set(covering.map((m) => m.index))];
    pieces.push(el("mark", { class: `k-${kind}`, "data-events": owners.join(" "), title: kind }, piece));
  }
  return pieces;
}

function lightUp(index) {
  for (const mark of document.querySelectorAll("#article-view mark")) {
    const owners = mark.dataset.events.split(" ");
    mark.classList.toggle("lit", index !== null && owners.includes(String(index)));
    mark.classList.toggle("dim", index !== null && !owners.includes(String(index)));
  }
}

function eventCard(event, index, stored) {
  const card = el("article", { class: "card", tabindex: "0", "data-index": index,
    "aria-label": `${typeName(event.type)}: ${event.participants.map((p) => p.name).join("، ")}` },
  el("h3", {}, stored ? eventLink(event) : typeName(event.type), " ", badges(event)),
  eventDetails(event));
  for (const [on, value] of [["mouseenter", index], ["focus", index], ["mouseleave", null], ["blur", null]]) {
    card.addEventListener(on, () => lightUp(value));
  }
  return card;
}

function showReading(text, events, articleId) {
  $("reading").hidden = false;
  $("article-view").replaceChildren(...highlightedText(text, events, articleId));
  $("event-cards").replaceChildren(...(events.length
    ? events.map((event, index) => eventCard(event, index, articleId !== undefined))
    : [el("p", { class: "muted" }, "لا حدث في هذا الخبر.")]));
}

function setUpRead() {
  const form = $("article-form");
  form.addEventListener("submit", (submit) => attempt(async () => {
    submit.preventDefault();
    const store = submit.submitter && submit.submitter.value === "store";
    const body = formValues(form);
    delete body.mode;
    say(store ? "يستخرج ويحفظ…" : "يستخرج…");
    const answer = await api(store ? "/events" : "/extract", { method: "POST", body });
    showReading(body.text, answer.events, store ? answer.article.id : undefined);
    say(`${answer.events.length} حدث`);
  }));
}

// --- browse: the list, an event, a person ---------------------------------------------

function setUpEvents() {
  const query = Object.fromEntries(new URLSearchParams(window.location.search));
  const form = $("filters");
  for (const [name, value] of Object.entries(query)) if (form.elements[name]) form.elements[name].value = value;
  const csv = new URL(ROOT + "/events/export.csv", window.location.origin);
  for (const [name, value] of Object.entries(query)) if (name !== "offset" && name !== "limit") csv.searchParams.set(name, value);
  $("csv-link").href = csv.pathname + csv.search;
  attempt(async () => {
    const page = await api("/events", { query });
    $("events-total").textContent = `${page.total} حدث`;
    $("events-list").replaceChildren(...page.items.map((event) => el("li", { class: "card" },
      el("h3", {}, eventLink(event), " ", badges(event)), eventDetails(event))));
    const pageLink = (id, offset) => {
      const params = new URLSearchParams({ ...query, offset });
      $(id).href = "?" + params;
      $(id).hidden = false;
    };
    if (page.next_offset !== null) pageLink("next-page", page.next_offset);
    if (page.offset > 0) pageLink("prev-page", Math.max(0, page.offset - page.limit));
  });
}

function reportColumn(report, event) {
  const match = report.match;
  const split = event.reports.length > 1
    ? el("button", { type: "button", class: "small secondary", onclick: () => attempt(async () => {
      const note = $("c-note").value.trim();
      const answer = await api(`/events/${event.id}/split`, { method: "POST",
        body: { article_id: report.article_id, ...(note ? { note } : {}) } });
      say(`فُصل التقرير في الحدث ${answer.correction.changes.split_event_id}.`);
      await drawEvent(event.id);
    }) }, "افصل هذا التقرير: واقعة أخرى")
    : null;
  return el("section", { class: "report", "aria-label": report.title || report.url || `خبر ${report.article_id}` },
    el("h3", {}, report.url ? el("a", { href: report.url, rel: "noopener" }, report.title || report.url) : (report.title || `خبر ${report.article_id}`)),
    el("p", { class: "muted" }, `نُشر ${report.published_at || "—"} · التاريخ في الخبر ${report.date || "—"}`),
    report.evidence.map((span) => el("blockquote", {}, span.text)),
    match
      ? el("p", {}, "لماذا ضُمّ: ", match.shared_participants.map((p) => `${p.name} (${p.as_reported})`).join("، "),
        ` · التاريخ: ${match.date} · المكان: ${match.location}`)
      : el("p", { class: "muted" }, "أول تقرير عن الحدث."),
    split);
}

async function correct(eventId, changes) {
  const note = $("c-note").value.trim();
  const body = { ...changes };
  if (note) body.note = note;
  say("يحفظ التصحيح…");
  await api(`/events/${eventId}`, { method: "PATCH", body });
  say("حُفظ التصحيح.");
  await drawEvent(eventId);
}

function correctionForms(event) {
  $("c-type-value").value = event.type;
  $("c-participants").replaceChildren(...event.participants.map((person) => {
    const role = el("select", { "aria-label": `دور ${person.name}` },
      Object.entries(LABELS.roles).map(([value, name]) => el("option", { value, selected: value === person.role }, name)));
    return el("li", {}, describePerson(person), role,
      el("button", { type: "button", class: "small secondary", onclick: () => attempt(() => correct(event.id,
        { participants: { update: [{ person_id: person.person_id, role: role.value }] } })) }, "غيّر الدور"),
      el("button", { type: "button", class: "small", "aria-label": `احذف ${person.name}`, onclick: () => attempt(() =>
        correct(event.id, { participants: { remove: [person.person_id] } })) }, "احذف"));
  }));
  $("c-agenda").replaceChildren(...event.agenda.map((item) => el("li", {}, item.text,
    el("button", { type: "button", class: "small", "aria-label": `احذف الموضوع ${item.text}`, onclick: () => attempt(() =>
      correct(event.id, { agenda: { remove: [item.text] } })) }, "احذف"))));
  const location = event.location || {};
  $("c-place-name").value = location.name || "";
  $("c-place-venue").value = location.venue || "";
  $("c-place-country").value = location.country || "";
  $("c-date-value").value = event.time && event.time.date && event.time.precision === "day" ? event.time.date : "";
  const reject = $("c-reject");
  reject.hidden = Boolean(event.rejected);
}

async function drawAudit(eventId) {
  const trail = await api("/corrections", { query: { event_id: eventId, limit: 100 } });
  $("audit").replaceChildren(...trail.items.map((c) => el("li", { class: c.undone_at ? "undone" : "" },
    `${KIND_NAMES[c.kind] || c.kind} ${c.id} · ${c.author || "بلا مفتاح"} · ${c.created_at.slice(0, 16).replace("T", " ")} `,
    el("code", { dir: "ltr" }, JSON.stringify(c.changes)), c.note ? ` — ${c.note}` : "",
    c.undone_at ? ` (أُلغي ${c.undone_by ? "بيد " + c.undone_by : ""})`
      : el("button", { type: "button", class: "small secondary", onclick: () => attempt(async () => {
        await api(`/corrections/${c.id}/undo`, { method: "POST" });
        say("أُلغي التصحيح.");
        await drawEvent(eventId);
      }) }, "تراجع"))));
}

async function drawEvent(eventId) {
  const event = await api(`/events/${eventId}`);
  $("event-heading").replaceChildren(`${typeName(event.type)} ${event.id} `, ...badges(event).filter(Boolean));
  $("event-summary").replaceChildren(el("div", { class: "summary" }, eventDetails(event),
    el("p", { class: "muted" }, "CAMEO: ", event.cameo.map((c) => `${c.code} ${c.name}`).join("، "))));
  $("reports").replaceChildren(...event.reports.map((report) => reportColumn(report, event)));
  correctionForms(event);
  await drawAudit(eventId);
}

function setUpEvent() {
  const eventId = Number(document.body.dataset.eventId);
  const changeOn = (id, changes) => $(id).addEventListener("submit", (submit) => {
    submit.preventDefault();
    attempt(() => correct(eventId, changes()));
  });
  changeOn("c-type", () => ({ type: $("c-type-value").value }));
  changeOn("c-add-person", () => {
    const added = { name: $("c-person-name").value.trim(), role: $("c-person-role").value };
    if ($("c-person-title").value.trim()) added.title = $("c-person-title").value.trim();
    if ($("c-person-country").value.trim()) added.country = $("c-person-country").value.trim();
    return { participants: { add: [added] } };
  });
  changeOn("c-place", () => {
    const place = { name: $("c-place-name").value.trim() };
    if ($("c-place-venue").value.trim()) place.venue = $("c-place-venue").value.trim();
    if ($("c-place-country").value.trim()) place.country = $("c-place-country").value.trim();
    return { location: place };
  });
  changeOn("c-date", () => ({ date: $("c-date-value").value || null }));
  changeOn("c-add-agenda", () => ({ agenda: { add: [$("c-agenda-text").value.trim()] } }));
  $("c-merge").addEventListener("submit", (submit) => attempt(async () => {
    submit.preventDefault();
    const note = $("c-note").value.trim();
    await api(`/events/${eventId}/merge`, { method: "POST",
      body: { event_id: Number($("c-merge-id").value), ...(note ? { note } : {}) } });
    say("دُمج الحدثان.");
    await drawEvent(eventId);
  }));
  $("c-place-clear").addEventListener("click", () => attempt(() => correct(eventId, { location: null })));
  $("c-date-clear").addEventListener("click", () => attempt(() => correct(eventId, { date: null })));
  $("c-reject").addEventListener("click", () => attempt(async () => {
    const note = $("c-note").value.trim();
    await api(`/events/${eventId}/reject`, { method: "POST", body: note ? { note } : {} });
    say("رُفض الحدث.");
    await drawEvent(eventId);
  }));
  attempt(() => drawEvent(eventId));
}

function setUpPerson() {
  const personId = Number(document.body.dataset.personId);
  attempt(async () => {
    const [person, timeline] = await Promise.all([api(`/people/${personId}`),
      api(`/people/${personId}/events`, { query: { limit: 100 } })]);
    $("person-heading").textContent = person.name;
    $("person-summary").replaceChildren(el("div", { class: "summary" }, el("dl", {},
      el("dt", {}, "صيغ الاسم"), el("dd", {}, person.name_forms.join("، ")),
      el("dt", {}, "الصفات"), el("dd", {}, person.titles.join("، ") || "—"),
      el("dt", {}, "الدول"), el("dd", {}, person.countries.join("، ") || "—"),
      el("dt", {}, "الأحداث"), el("dd", {}, `${person.event_count} (${person.first_date || "—"} — ${person.last_date || "—"})`))));
    $("timeline").replaceChildren(...timeline.items.map((event) => el("li", {},
      `${dateText(event.time)} · `, eventLink(event), " · ",
      event.participants.filter((p) => p.person_id !== personId).map((p) => p.name).join("، "),
      event.location ? ` · ${placeText(event.location)}` : "")));
  });
}

// --- who met whom: a small force layout drawn as SVG -----------------------------------

function layout(nodes, edges, width, height) {
  const count = nodes.length;
  const at = new Map(nodes.map((node, i) => [node.id, {
    x: width / 2 + (width / 3) * Math.cos((2 * Math.PI * i) / Math.max(count, 1)),
    y: height / 2 + (height / 3) * Math.sin((2 * Math.PI * i) / Math.max(count, 1)),
  }]));
  const ideal = Math.min(160, Math.sqrt((width * height) / Math.max(count, 1)));
  for (let step = 0; step < 300; step++) {
    const move = new Map(nodes.map((node) => [node.id, { x: 0, y: 0 }]));
    for (const a of nodes) {
      for (const b of nodes) {
        if (a.id >= b.id) continue;
        const [pa, pb] = [at.get(a.id), at.get(b.id)];
        const dx = pa.x - pb.x || 0.01, dy = pa.y - pb.y || 0.01;
        const distance = Math.hypot(dx, dy);
        const push = (ideal * ideal) / distance / distance;
        move.get(a.id).x += dx * push; move.get(a.id).y += dy * push;
        move.get(b.id).x -= dx * push; move.get(b.id).y -= dy * push;
      }
    }
    for (const edge of edges) {
      const [pa, pb] = [at.get(edge.source), at.get(edge.target)];
      const dx = pa.x - pb.x, dy = pa.y - pb.y;
      const pull = Math.hypot(dx, dy) / ideal / 10;
      move.get(edge.source).x -= dx * pull; move.get(edge.source).y -= dy * pull;
      move.get(edge.target).x += dx * pull; move.get(edge.target).y += dy * pull;
    }
    const cooling = 1 - step / 300;
    for (const node of nodes) {
      const p = at.get(node.id), m = move.get(node.id);
      const length = Math.hypot(m.x, m.y) || 1;
      const limit = Math.min(length, 20 * cooling);
      p.x = Math.min(width - 60, Math.max(60, p.x + (m.x / length) * limit));
      p.y = Math.min(height - 30, Math.max(30, p.y + (m.y / length) * limit));
    }
  }
  return at;
}

function setUpGraph() {
  const query = Object.fromEntries(new URLSearchParams(window.location.search));
  const form = $("filters");
  for (const [name, value] of Object.entries(query)) if (form.elements[name]) form.elements[name].value = value;
  attempt(async () => {
    const graph = await api("/graph", { query });
    $("graph-total").textContent = `${graph.nodes.length} شخصًا وجهة، ${graph.edges.length} صلة، من ${graph.events} حدث`;
    const canvas = $("graph");
    const [width, height] = [800, 560];
    const at = layout(graph.nodes, graph.edges, width, height);
    const names = new Map(graph.nodes.map((node) => [node.id, node.name]));
    const lines = graph.edges.map((edge) => svg("line", {
      x1: at.get(edge.source).x, y1: at.get(edge.source).y, x2: at.get(edge.target).x, y2: at.get(edge.target).y,
      "stroke-width": 1 + 2 * Math.log2(edge.event_count + 1) }));
    const dots = graph.nodes.map((node) => {
      const p = at.get(node.id);
      const title = svg("title");
      title.textContent = `${node.name}: ${node.event_count} حدث`;
      const label = svg("text", { x: p.x, y: p.y - 12 - Math.min(node.event_count, 6), "text-anchor": "middle" });
      label.textContent = node.name;
      return svg("a", { href: `${ROOT}/ui/people/${node.id}`, class: "node" }, title,
        svg("circle", { cx: p.x, cy: p.y, r: 6 + Math.min(node.event_count, 6) * 1.5 }), label);
    });
    canvas.replaceChildren(...lines, ...dots);
    $("edges").replaceChildren(...graph.edges.map((edge) => el("li", {},
      `${names.get(edge.source)} — ${names.get(edge.target)}: `,
      edge.events.map((event, i) => [i ? "، " : "", el("a", { href: `${ROOT}/ui/events/${event.id}` },
        `${typeName(event.type)} ${event.date || ""}`)]))));
  });
}

// --- start ------------------------------------------------------------------------------

const PAGES = { read: setUpRead, events: setUpEvents, event: setUpEvent, person: setUpPerson, graph: setUpGraph };
setUpKey();
(PAGES[document.body.dataset.page] || (() => {}))();
