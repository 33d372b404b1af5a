// A Prom.Bus gateway client written by hand from docs/gateway.md alone (not the generated client of docs/clients.md).
//
// Usage: node prom-bus-by-hand.js <ws-url> <token> <topic> <group>
//
// AUTH -> SUBSCRIBE -> PUBLISH -> EVENT -> NACK (delay_ms 0) -> EVENT again (attempt 2) -> ACK, plus PING and a second
// ACK that must be refused. Prints one JSON line with what it saw; exits 1 with the reason when the server did not do
// what the page says.
'use strict';
const WebSocket = require('ws');

const [url, token, topic, group] = process.argv.slice(2);

function expect(condition, what) {
  if (!condition) {
    console.error(`FAILED: ${what}`);
    process.exit(1);
  }
}

function within(ms, promise, what) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), ms))]);
}

const ws = new WebSocket(url, 'prom-bus.v1');
const pending = new Map(); // corr -> resolve: replies are matched by corr, they may come in another order
const events = [];         // EVENTs carry no corr
let eventWaiter = null;
let nextCorr = 0;

ws.on('message', (data, isBinary) => {
  expect(!isBinary, 'the server sent a binary frame');
  const msg = JSON.parse(data.toString('utf8'));
  if (msg.op === 'EVENT') {
    if (eventWaiter) { const w = eventWaiter; eventWaiter = null; w(msg); } else events.push(msg);
  } else if (pending.has(msg.corr)) {
    const resolve = pending.get(msg.corr);
    pending.delete(msg.corr);
    resolve(msg);
  }
});
ws.on('error', (err) => expect(false, `socket error: ${err.message}`));

function call(op, fields = {}) {
  const corr = ++nextCorr; // an integer corr is echoed as an integer
  return within(20000, new Promise((resolve) => {
    pending.set(corr, resolve);
    ws.send(JSON.stringify({ op, corr, ...fields }));
  }), `reply to ${op}`);
}

function nextEvent() {
  return within(20000, new Promise((resolve) => {
    if (events.length > 0) resolve(events.shift()); else eventWaiter = resolve;
  }), 'EVENT');
}

ws.on('open', async () => {
  try {
    expect(ws.protocol === 'prom-bus.v1', `the server chose subprotocol ${ws.protocol}`);
    const pong = await call('PING');
    expect(pong.op === 'PONG' && Number.isInteger(pong.ts), `PING answered ${JSON.stringify(pong)}`);
    const auth = await call('AUTH', { token });
    expect(auth.op === 'OK', `AUTH answered ${JSON.stringify(auth)}`);
    const sub = await call('SUBSCRIBE', { topic, group, opts: { from: 'earliest', max_inflight: 4, ack_timeout_ms: 30000 } });
    expect(sub.op === 'OK' && sub.member, `SUBSCRIBE answered ${JSON.stringify(sub)}`);

    const payload = { lang: 'node', n: 1, text: 'héllo' };
    const pub = await call('PUBLISH', { topic, key: 'js', payload, headers: { 'x-client': 'node' } });
    expect(pub.op === 'OK' && pub.offset >= 1, `PUBLISH answered ${JSON.stringify(pub)}`);

    const first = await nextEvent();
    expect(first.topic === topic && first.group === group, `EVENT of another subscription ${JSON.stringify(first)}`);
    expect(first.event.id === pub.id, `EVENT ${first.event.id} is not the published ${pub.id}`);
    expect(JSON.stringify(first.event.payload) === JSON.stringify(payload), `EVENT payload ${JSON.stringify(first.event.payload)}`);
    expect(first.ctx.attempt === 1 && first.ctx.ack_deadline_ms > 0, `EVENT ctx ${JSON.stringify(first.ctx)}`);

    const nack = await call('NACK', { topic, group, id: pub.id, reason: 'node says: try again', delay_ms: 0 });
    expect(nack.op === 'OK' && nack.outcome === 'released', `NACK answered ${JSON.stringify(nack)}`);

    const again = await nextEvent();
    expect(again.event.id === pub.id && again.ctx.attempt === 2, `redelivery ${JSON.stringify(again.ctx)}`);
    const ack = await call('ACK', { topic, group, id: pub.id });
    expect(ack.op === 'OK' && ack.outcome === 'settled', `ACK answered ${JSON.stringify(ack)}`);
    const twice = await call('ACK', { topic, group, id: pub.id });
    expect(twice.op === 'ERR' && twice.code === 'unknown_delivery', `second ACK answered ${JSON.stringify(twice)}`);

    console.log(JSON.stringify({
      id: pub.id, partition: pub.partition, offset: pub.offset, attempts: [first.ctx.attempt, again.ctx.attempt],
      nack: nack.outcome, ack: ack.outcome, second_ack: twice.code,
    }));
    ws.close(1000, 'done');
  } catch (err) {
    expect(false, err.message);
  }
});
