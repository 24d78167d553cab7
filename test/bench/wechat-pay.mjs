// WeChat Pay in the bench (the simulator's keys and live settings: scripts/wechat-sim.mjs): a
// collector that receives the simulator's signed notifies, and the scenario that creates orders (or recharges)
// paid by WeChat Pay, has the payer pay each one, then delivers the captured notifies to the server with 20 %
// of them delivered twice, timing each delivery. WeChat sends notifies from its own servers: here they leave
// the collector from the bench process, so the server's numbers are not the simulator's.
import * as http from 'node:http';

/** Receives the simulator's notifies (answered 200, so it does not retry) and keeps their headers and body. */
export async function startNotifyCollector(port) {
  const received = []; // in arrival order (out_trade_no is inside the encrypted resource)
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const headers = {};
      for (const [k, v] of Object.entries(req.headers)) if (k.startsWith('wechatpay-')) headers[k] = v;
      received.push({ headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"code":"SUCCESS"}');
    });
  });
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  return { received, close: () => new Promise((r) => server.close(r)) };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function pool(items, concurrency, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/**
 * `create` for `duration` seconds over `connections` (each connection a member), then every created payment
 * paid at the simulator, its notify captured, and the notifies delivered to the server with `duplicateShare`
 * of them twice (the copies interleaved, so some race their original), `connections` at a time.
 */
export async function wechatPaidScenario({ cannon, members, appPort, simPort, collector, connections, create, duplicateShare = 0.2, log }) {
  const outTradeNos = [];
  const rejections = [];
  let nextMember = 0;
  const created = await cannon({
    url: `http://127.0.0.1:${appPort}${create.path}`,
    requests: [
      {
        method: 'POST',
        setupRequest: (req, context) => {
          context.member ??= members[nextMember++ % members.length];
          return {
            ...req,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${context.member.token}` },
            body: JSON.stringify(create.body(context.member)),
          };
        },
        onResponse: (status, body) => {
          if (status >= 200 && status < 300) {
            const no = JSON.parse(body).outTradeNo;
            if (no) outTradeNos.push(no);
          } else if (rejections.length < 5) rejections.push(`${status} ${String(body).slice(0, 300)}`);
        },
      },
    ],
  });
  await new Promise((r) => setTimeout(r, 2000)); // requests in flight at the deadline finish
  log(`${outTradeNos.length} payments opened; the payer pays each at the simulator`);
  const before = collector.received.length;
  await pool(outTradeNos, 20, async (no) => {
    const res = await fetch(`http://127.0.0.1:${simPort}/__wechat/sim/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ out_trade_no: no, result: 'success' }),
    });
    if (!res.ok) throw new Error(`sim pay ${no}: ${res.status} ${await res.text()}`);
  });
  const deadline = Date.now() + 60_000;
  while (collector.received.length - before < outTradeNos.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const notifies = collector.received.slice(before);
  if (notifies.length < outTradeNos.length) throw new Error(`only ${notifies.length} of ${outTradeNos.length} notifies reached the collector`);

  // Every notify once, and a share of them again: the copy goes right after its original, so both are in flight together.
  const deliveries = [];
  notifies.forEach((n, i) => {
    deliveries.push(n);
    if (i % Math.round(1 / duplicateShare) === 0) deliveries.push(n);
  });
  log(`delivering ${deliveries.length} notifies (${deliveries.length - notifies.length} duplicates), ${connections} at a time`);
  const latencies = [];
  let non2xx = 0;
  let errors = 0;
  const started = Date.now();
  await pool(deliveries, connections, async (n) => {
    const t0 = performance.now();
    try {
      const res = await fetch(`http://127.0.0.1:${appPort}/api/payments/wechat/notify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...n.headers },
        body: n.body,
      });
      const text = await res.text();
      latencies.push(performance.now() - t0);
      if (res.status < 200 || res.status >= 300) {
        non2xx += 1;
        if (rejections.length < 5) rejections.push(`notify ${res.status} ${text.slice(0, 300)}`);
      }
    } catch (error) {
      errors += 1;
      if (rejections.length < 5) rejections.push(`notify failed: ${error.cause?.message ?? error.message}`);
    }
  });
  const seconds = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    created,
    outTradeNos,
    rejections,
    notify: {
      requests: { average: deliveries.length / seconds, total: deliveries.length },
      latency: { p50: Math.round(percentile(latencies, 50)), p99: Math.round(percentile(latencies, 99)) },
      non2xx,
      errors,
      duplicates: deliveries.length - notifies.length,
    },
  };
}
