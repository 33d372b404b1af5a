// Prom.Bus dashboard. Polls the gateway's ops endpoints (/stats and /connections) with an admin bearer token and
// renders topics, consumer groups with lag per partition, publish and ack rates and DLQ sizes; a button replays a
// topic's DLQ. Plain browser JavaScript: no dependencies, no build step. Every element is built with the DOM API and
// filled through textContent, so names that come from the broker are never parsed as HTML.
//
// Why polling and not EventSource: EventSource cannot send an Authorization header, and the token must never travel
// in a URL (URLs end up in logs and browser history). fetch() with the header, one request per endpoint per tick.
'use strict';

(() => {
  const TOKEN_KEY = 'prom-bus.dashboard.token';
  const HISTORY = 60; // publish-rate samples per topic kept for the sparkline
  const opsBase = (document.querySelector('meta[name="prom-ops-base"]')?.content ?? '').replace(/\/+$/, '');
  const $ = (id) => document.getElementById(id);
  const integer = new Intl.NumberFormat('en-US');
  const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

  const state = {
    token: null,
    interval: 1000,
    timer: 0,
    polling: false,
    pollAgain: false,
    generation: 0, // bumped at sign-in and sign-out: a request started before is ignored when it returns
    previous: null, // the previous sample: { at, published: Map(topic → total), acked: Map(topic\0group → total) }
    history: new Map(), // topic → publish rates, oldest first
    model: null, // the last sample's view model; the filters re-render it without a request
    replaying: new Set(),
    toastTimer: 0,
  };

  /** A 401 or 403: the token is wrong or lacks the admin scope. */
  class AuthError extends Error {}

  async function ops(path, init = {}) {
    const response = await fetch(opsBase + path, {
      ...init,
      cache: 'no-store',
      credentials: 'omit',
      headers: { Accept: 'application/json', Authorization: 'Bearer ' + state.token },
    });
    let body = null;
    try {
      body = await response.json();
    } catch {
      body = null; // not JSON (a proxy's error page): the status says enough
    }
    if (response.status === 401) throw new AuthError(body?.msg ?? 'The token was refused.');
    if (response.status === 403) throw new AuthError(body?.msg ?? 'This token lacks the admin scope.');
    if (!response.ok) throw new Error(body?.msg ? `${body.code}: ${body.msg}` : `HTTP ${response.status} from ${path}`);
    return body;
  }

  // ---- sign-in ------------------------------------------------------------------------------------------------

  async function signIn(token, remember) {
    state.token = token;
    state.generation++;
    state.previous = null;
    state.history.clear();
    const generation = state.generation;
    $('connect').disabled = true;
    $('login-error').textContent = '';
    setStatus('', 'Connecting…');
    try {
      const stats = await ops('/stats');
      const connections = await ops('/connections');
      if (generation !== state.generation) return;
      if (remember) sessionStorage.setItem(TOKEN_KEY, token);
      $('token').value = '';
      $('login').hidden = true;
      $('board').hidden = false;
      $('controls').hidden = false;
      apply(stats, connections);
      schedule();
    } catch (e) {
      if (generation !== state.generation) return;
      state.token = null;
      sessionStorage.removeItem(TOKEN_KEY);
      $('login-error').textContent = e instanceof AuthError ? e.message : `Cannot reach the broker: ${e.message}`;
      setStatus('error', 'Not connected');
      $('token').focus();
    } finally {
      $('connect').disabled = false;
    }
  }

  function signOut(reason) {
    state.token = null;
    state.generation++;
    clearTimeout(state.timer);
    sessionStorage.removeItem(TOKEN_KEY);
    $('board').hidden = true;
    $('controls').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = reason ?? '';
    setStatus(reason ? 'error' : '', 'Not connected');
    $('token').focus();
  }

  // ---- polling --------------------------------------------------------------------------------------------------

  async function poll() {
    if (!state.token) return;
    if (state.polling) {
      state.pollAgain = true; // one request per endpoint at a time; run again right after this one
      return;
    }
    state.polling = true;
    clearTimeout(state.timer);
    const generation = state.generation;
    try {
      const [stats, connections] = await Promise.all([ops('/stats'), ops('/connections')]);
      if (generation === state.generation) apply(stats, connections);
    } catch (e) {
      if (generation === state.generation) {
        if (e instanceof AuthError) {
          signOut(e.message);
        } else {
          setStatus('error', `Cannot reach the broker (${e.message}); retrying`);
        }
      }
    } finally {
      state.polling = false;
    }
    if (state.pollAgain) {
      state.pollAgain = false;
      poll();
      return;
    }
    schedule();
  }

  function schedule() {
    clearTimeout(state.timer);
    if (!state.token) return;
    if (state.interval > 0) {
      state.timer = setTimeout(poll, state.interval);
    } else if ($('status').dataset.state !== 'error') {
      setStatus('paused', `Paused · updated ${new Date().toLocaleTimeString()}`);
    }
  }

  // ---- sample → view model --------------------------------------------------------------------------------------

  function apply(stats, connections) {
    state.model = sample(stats, connections);
    draw();
    setStatus(state.interval > 0 ? 'live' : 'paused', `${state.interval > 0 ? 'Live' : 'Paused'} · updated ${new Date().toLocaleTimeString()}`);
  }

  /** Turns one /stats answer into rows, with rates from the difference to the previous sample. */
  function sample(stats, connections) {
    const at = performance.now();
    const prev = state.previous;
    const seconds = prev ? (at - prev.at) / 1000 : 0;
    const published = new Map();
    const acked = new Map();
    const rate = (map, prevMap, key, total) => {
      map.set(key, total);
      if (!prev || seconds <= 0 || !prevMap.has(key)) return null;
      const delta = total - prevMap.get(key);
      return delta >= 0 ? delta / seconds : null; // a negative delta: the gateway restarted and its totals did too
    };

    const topics = [];
    const groups = [];
    const totals = { topics: 0, publish: null, ack: null, lag: 0, dlq: 0 };
    const add = (name, value) => {
      if (value !== null) totals[name] = (totals[name] ?? 0) + value;
    };
    for (const t of stats.topics) {
      const isDlq = t.name.startsWith('dlq.');
      const publishRate = rate(published, prev?.published, t.name, t.published);
      const history = state.history.get(t.name) ?? [];
      history.push(publishRate ?? 0);
      if (history.length > HISTORY) history.shift();
      state.history.set(t.name, history);
      let lag = 0;
      for (const g of t.groups) {
        const ackRate = rate(acked, prev?.acked, t.name + '\u0000' + g.group, g.acked);
        lag += g.lag;
        groups.push({ topic: t.name, isDlq, ...g, ackRate });
        if (!isDlq) add('ack', ackRate);
      }
      topics.push({ name: t.name, isDlq, partitions: t.partitions, head: t.head, publishRate, groupCount: t.groups.length, lag, dlq: t.dlq, history });
      if (!isDlq) {
        totals.topics++;
        totals.lag += lag;
        totals.dlq += t.dlq;
        add('publish', publishRate);
      }
    }
    state.previous = { at, published, acked };
    return { topics, groups, totals, uptimeMs: stats.uptime_ms, connectionCount: stats.connections, connections };
  }

  // ---- rendering ------------------------------------------------------------------------------------------------

  function draw() {
    const m = state.model;
    if (!m) return;
    const filter = $('filter').value.trim().toLowerCase();
    const showDlq = $('show-dlq').checked;
    const visible = (topic, isDlq, group) =>
      (showDlq || !isDlq) && (!filter || topic.toLowerCase().includes(filter) || (group ?? '').toLowerCase().includes(filter));

    setText($('sum-topics'), integer.format(m.totals.topics));
    setText($('sum-publish'), m.totals.publish === null ? '—' : `${decimal.format(m.totals.publish)}/s`);
    setText($('sum-ack'), m.totals.ack === null ? '—' : `${decimal.format(m.totals.ack)}/s`);
    setText($('sum-lag'), integer.format(m.totals.lag));
    setText($('sum-dlq'), integer.format(m.totals.dlq));
    $('sum-dlq').classList.toggle('bad', m.totals.dlq > 0);
    setText($('sum-connections'), integer.format(m.connectionCount));
    setText($('sum-uptime'), duration(m.uptimeMs));

    const groupsOf = new Map();
    for (const g of m.groups) groupsOf.set(g.topic, [...(groupsOf.get(g.topic) ?? []), g.group]);
    const topics = m.topics.filter((t) => visible(t.name, t.isDlq) || (groupsOf.get(t.name) ?? []).some((g) => visible(t.name, t.isDlq, g)));
    syncRows($('topics-body'), topics, (t) => t.name, createTopicRow, updateTopicRow);
    $('topics-empty').hidden = topics.length > 0;

    const groups = m.groups.filter((g) => visible(g.topic, g.isDlq, g.group));
    syncRows($('groups-body'), groups, (g) => g.topic + '\u0000' + g.group, createGroupRow, updateGroupRow);
    $('groups-empty').hidden = groups.length > 0;

    syncRows($('connections-body'), m.connections, (c) => c.id, createConnectionRow, updateConnectionRow);
    $('connections-empty').hidden = m.connections.length > 0;
  }

  /** Keeps one row per key in item order, reusing rows (so focus and hover survive a refresh). */
  function syncRows(tbody, items, keyOf, create, update) {
    const existing = new Map();
    for (const row of tbody.rows) existing.set(row.dataset.key, row);
    let next = tbody.firstElementChild;
    for (const item of items) {
      const key = keyOf(item);
      let row = existing.get(key);
      if (row) {
        existing.delete(key);
      } else {
        row = create(item);
        row.dataset.key = key;
      }
      update(row, item);
      if (row === next) {
        next = next.nextElementSibling;
      } else {
        tbody.insertBefore(row, next);
      }
    }
    for (const row of existing.values()) row.remove();
  }

  function createTopicRow(t) {
    const row = document.createElement('tr');
    row.dataset.topic = t.name;
    rowHeader(row, 'name');
    for (const field of ['partitions', 'head', 'rate']) cell(row, field, 'num');
    cell(row, 'spark').append(sparkline());
    for (const field of ['groups', 'lag', 'dlq']) cell(row, field, 'num');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'small secondary';
    button.textContent = 'Replay DLQ';
    button.dataset.action = 'replay';
    button.setAttribute('aria-label', `Replay the dead-letter queue of ${t.name}`);
    button.addEventListener('click', () => replay(t.name, button));
    cell(row, 'action').append(button);
    return row;
  }

  function updateTopicRow(row, t) {
    const f = fields(row);
    setText(f.name.firstChild, t.name);
    f.name.querySelector('.tag').hidden = !t.isDlq;
    setText(f.partitions, integer.format(t.partitions));
    setText(f.head, integer.format(t.head));
    setText(f.rate, t.publishRate === null ? '—' : decimal.format(t.publishRate));
    drawSparkline(f.spark.firstChild, t.history, t.name);
    setText(f.groups, integer.format(t.groupCount));
    setText(f.lag, integer.format(t.lag));
    setText(f.dlq, t.isDlq ? '' : integer.format(t.dlq));
    f.dlq.classList.toggle('bad', t.dlq > 0 && !t.isDlq);
    const button = f.action.firstChild;
    button.hidden = t.isDlq;
    if (!state.replaying.has(t.name)) button.disabled = !(t.dlq > 0);
  }

  function createGroupRow(g) {
    const row = document.createElement('tr');
    row.dataset.topic = g.topic;
    row.dataset.group = g.group;
    cell(row, 'topic', 'name');
    rowHeader(row, 'group');
    for (const field of ['lag', 'rate', 'delivered', 'acked', 'nacked', 'inflight']) cell(row, field, 'num');
    listCell(row, 'partitions');
    return row;
  }

  function updateGroupRow(row, g) {
    const f = fields(row);
    setText(f.topic, g.topic);
    setText(f.group.firstChild, g.group);
    f.group.querySelector('.tag').hidden = true;
    setText(f.lag, integer.format(g.lag));
    setText(f.rate, g.ackRate === null ? '—' : decimal.format(g.ackRate));
    setText(f.delivered, integer.format(g.delivered));
    setText(f.acked, integer.format(g.acked));
    setText(f.nacked, integer.format(g.nacked));
    setText(f.inflight, integer.format(g.inflight));
    const list = f.partitions.firstChild;
    const parts = g.partitions ?? [];
    const widest = Math.max(1, ...parts.map((p) => p.lag));
    const uneven = parts.some((p) => p.lag !== widest); // highlight the most lagging partitions only when it tells something
    while (list.children.length > parts.length) list.lastChild.remove();
    parts.forEach((p, i) => {
      let item = list.children[i];
      if (!item) {
        item = document.createElement('li');
        const name = document.createElement('span');
        name.className = 'p';
        name.setAttribute('aria-hidden', 'true');
        const track = document.createElement('span');
        track.className = 'track';
        track.setAttribute('aria-hidden', 'true');
        const fill = document.createElement('span');
        fill.className = 'fill';
        track.append(fill);
        const value = document.createElement('span');
        value.className = 'n';
        value.dataset.partition = String(p.partition);
        item.append(name, track, value);
        list.append(item);
      }
      const [name, track, value] = item.children;
      setText(name, `p${p.partition}`);
      track.firstChild.style.width = `${Math.round((100 * p.lag) / widest)}%`; // CSSOM, allowed by the page's CSP
      track.firstChild.classList.toggle('hot', uneven && p.lag === widest);
      setText(value, integer.format(p.lag));
      const label = `partition ${p.partition}: lag ${p.lag} (watermark ${p.watermark}, head ${p.head})`;
      item.setAttribute('aria-label', label);
      item.title = label;
    });
  }

  function createConnectionRow() {
    const row = document.createElement('tr');
    rowHeader(row, 'principal');
    cell(row, 'remote', 'name');
    cell(row, 'opened');
    listCell(row, 'subscriptions', 'subs');
    return row;
  }

  function updateConnectionRow(row, c) {
    const f = fields(row);
    setText(f.principal.firstChild, c.principal ?? '(not authenticated)');
    f.principal.querySelector('.tag').hidden = true;
    setText(f.remote, c.remote);
    const opened = new Date(c.opened_at);
    setText(f.opened, Number.isNaN(opened.getTime()) ? String(c.opened_at) : opened.toLocaleTimeString());
    const list = f.subscriptions.firstChild;
    const text = c.subscriptions.map((s) => `${s.topic} / ${s.group} (${s.open})`);
    if (list.dataset.text !== text.join('\n')) {
      list.dataset.text = text.join('\n');
      list.replaceChildren(...text.map((t) => {
        const li = document.createElement('li');
        li.textContent = t;
        return li;
      }));
      if (text.length === 0) list.replaceChildren(document.createTextNode('—'));
    }
  }

  function sparkline() {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('class', 'spark');
    svg.setAttribute('width', '120');
    svg.setAttribute('height', '26');
    svg.setAttribute('viewBox', '0 0 120 26');
    svg.setAttribute('role', 'img');
    const base = document.createElementNS('http://www.w3.org/2000/svg', 'line');
    base.setAttribute('x1', '0');
    base.setAttribute('x2', '120');
    base.setAttribute('y1', '25');
    base.setAttribute('y2', '25');
    const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
    svg.append(base, line);
    return svg;
  }

  function drawSparkline(svg, history, topic) {
    const peak = Math.max(...history, 0);
    const step = 120 / (HISTORY - 1);
    const offset = (HISTORY - history.length) * step;
    const points = history.map((v, i) => `${(offset + i * step).toFixed(1)},${(24 - (peak > 0 ? (22 * v) / peak : 0)).toFixed(1)}`);
    svg.lastChild.setAttribute('points', points.join(' '));
    svg.setAttribute('aria-label', `Publish rate of ${topic} over the last ${history.length} samples, peak ${decimal.format(peak)} per second`);
  }

  function rowHeader(row, field) {
    const th = document.createElement('th');
    th.scope = 'row';
    th.dataset.field = field;
    th.className = 'name';
    th.append(document.createTextNode(''));
    const tag = document.createElement('span');
    tag.className = 'tag';
    tag.textContent = 'DLQ';
    tag.hidden = true;
    th.append(tag);
    row.append(th);
    return th;
  }

  function cell(row, field, className) {
    const td = row.insertCell();
    td.dataset.field = field;
    if (className) td.className = className;
    return td;
  }

  /** A cell holding one list (partitions, subscriptions); the list's class defaults to the field name. */
  function listCell(row, field, className) {
    const list = document.createElement('ul');
    list.className = className ?? field;
    cell(row, field).append(list);
  }

  function fields(row) {
    const f = {};
    for (const c of row.cells) f[c.dataset.field] = c;
    return f;
  }

  function setText(node, text) {
    if (node.textContent !== text) node.textContent = text;
  }

  function duration(ms) {
    const s = Math.floor(ms / 1000);
    if (s < 60) return `${s} s`;
    if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
    if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
    return `${Math.floor(s / 86400)} d ${Math.floor((s % 86400) / 3600)} h`;
  }

  function setStatus(kind, text) {
    const status = $('status');
    if (kind) status.dataset.state = kind;
    else delete status.dataset.state;
    setText($('status-text'), text);
  }

  function toast(text, kind) {
    const box = $('toast');
    box.textContent = text;
    if (kind) box.dataset.kind = kind;
    else delete box.dataset.kind;
    box.hidden = false;
    clearTimeout(state.toastTimer);
    state.toastTimer = setTimeout(() => { box.hidden = true; }, 8000);
  }

  // ---- actions --------------------------------------------------------------------------------------------------

  async function replay(topic, button) {
    if (state.replaying.has(topic)) return;
    state.replaying.add(topic);
    button.disabled = true;
    button.textContent = 'Replaying…';
    try {
      const result = await ops(`/topics/${encodeURIComponent(topic)}/dlq/replay`, { method: 'POST' });
      const n = result.replayed;
      toast(`Replayed ${integer.format(n)} dead letter${n === 1 ? '' : 's'} of ${topic} to the groups they failed in.`);
    } catch (e) {
      if (e instanceof AuthError) {
        signOut(e.message);
        return;
      }
      toast(`Replay of ${topic} failed: ${e.message}`, 'error');
    } finally {
      state.replaying.delete(topic);
      button.textContent = 'Replay DLQ';
    }
    poll(); // show the drop now, not at the next tick
  }

  $('login-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const token = $('token').value.trim();
    if (!token) {
      $('login-error').textContent = 'Enter a token with the admin scope.';
      $('token').focus();
      return;
    }
    signIn(token, $('remember').checked);
  });
  $('signout').addEventListener('click', () => signOut());
  $('interval').addEventListener('change', (e) => {
    state.interval = Number(e.target.value);
    poll();
  });
  $('filter').addEventListener('input', draw);
  $('show-dlq').addEventListener('change', draw);

  const kept = sessionStorage.getItem(TOKEN_KEY);
  if (kept) {
    $('remember').checked = true;
    signIn(kept, true);
  } else {
    $('token').focus();
  }
})();
