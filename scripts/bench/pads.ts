/**
 * Pad benchmark (issue 4): editors typing against our pad server and y-websocket 2's reference
 * server, each alone in a child process so its CPU and memory are its own. Editors run here.
 */
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { connectEditors } from './pad-client.ts';
import { startPadServer, type PadServerKind, type RunningPadServer } from './pad-servers.ts';
import type { ServerStats } from './pad-probe.ts';
import { ms, percentile } from './measure.ts';

/** A load: `pads × perPad` editors typing `charsPerSecond` each for `durationMs`. */
export interface PadLoad {
  /** Label of the scenario. */
  name: string;
  /** Number of pads. */
  pads: number;
  /** Editors per pad. */
  perPad: number;
  /** Keystrokes per second per editor. */
  charsPerSecond: number;
  /** Typing time. */
  durationMs: number;
}

/** Figures of one load against one server. */
export interface PadFigures extends PadLoad {
  server: PadServerKind;
  p50Ms: number;
  p99Ms: number;
  samples: number;
  sent: number;
  serverCpuPercent: number;
  serverRssMb: number;
  rssPerPadKb: number;
  clientCpuPercent: number;
  clientLoopP99Ms: number;
  converged: boolean;
  disconnects: number;
  /** Load average of the machine (1 min) at the end of the run: other processes share the cores. */
  machineLoad: number;
}

const mb = (bytes: number): number => bytes / 1024 / 1024;

/** The bench process is the bottleneck: its figures would measure the clients, not the server. */
export const clientSaturated = (f: PadFigures): boolean => f.clientCpuPercent > 70;

/** The clients' event loop stalled while they were not busy: other processes took the cores. */
const machineBusy = (f: PadFigures): boolean => !clientSaturated(f) && f.clientLoopP99Ms > 100;

/** Where one load runs: `instances` fresh servers of `kind` (editors spread over them), with `env` (several instances: the database and Redis). */
export interface PadTarget {
  kind: PadServerKind;
  root: string;
  instances?: number;
  env?: Record<string, string>;
}

/** CPU and memory of several servers, added up. */
async function statsOf(servers: RunningPadServer[]): Promise<ServerStats> {
  const all = await Promise.all(servers.map((s) => s.stats()));
  return all.reduce((sum, s) => ({ cpuMicros: sum.cpuMicros + s.cpuMicros, rss: sum.rss + s.rss, heapUsed: sum.heapUsed + s.heapUsed }));
}

/** Runs one load against fresh servers; always stops the servers and the editors. */
export async function benchPadLoad({ kind, load, root, instances = 1, env }: PadTarget & { load: PadLoad }): Promise<PadFigures> {
  const servers: RunningPadServer[] = [];
  try {
    for (let i = 0; i < instances; i++) servers.push(await startPadServer({ kind, root, ...(env ? { env } : {}) }));
    const server = { stats: () => statsOf(servers) };
    const idle = await server.stats();
    const group = await connectEditors({ url: (i) => servers[i % servers.length]!.url, pads: load.pads, perPad: load.perPad, timeoutMs: 60_000 });
    try {
      const before = await server.stats();
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      const cpu = process.cpuUsage();
      const t0 = performance.now();
      group.startRecording();
      const interval = 1000 / load.charsPerSecond;
      // Spread the editors over one interval, as people do not type in step.
      const timers = group.editors.map((editor, i) => {
        const offset = (i / group.editors.length) * interval;
        return setTimeout(() => {
          editor.type();
          timers[i] = setInterval(() => editor.type(), interval);
        }, offset);
      });
      await new Promise((r) => setTimeout(r, load.durationMs));
      for (const timer of timers) clearInterval(timer);
      const typingMs = performance.now() - t0;
      const clientCpu = process.cpuUsage(cpu);
      loop.disable();
      const converged = await group.converged(15_000);
      const observed = group.stopRecording();
      const after = await server.stats();
      const windowMs = performance.now() - t0;
      return {
        ...load,
        server: kind,
        p50Ms: percentile(observed.latencies, 50),
        p99Ms: percentile(observed.latencies, 99),
        samples: observed.latencies.length,
        sent: observed.sent,
        serverCpuPercent: ((after.cpuMicros - before.cpuMicros) / 1000 / windowMs) * 100,
        serverRssMb: mb(after.rss),
        rssPerPadKb: (after.rss - idle.rss) / 1024 / load.pads,
        clientCpuPercent: ((clientCpu.user + clientCpu.system) / 1000 / typingMs) * 100,
        clientLoopP99Ms: loop.percentile(99) / 1e6,
        converged,
        disconnects: observed.disconnects,
        machineLoad: os.loadavg()[0] ?? NaN,
      };
    } finally {
      group.destroy();
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

/** Runs both loads on both servers; halves a load's rate (once, then again) while the clients saturate. */
export async function benchPads({ root, quick }: { root: string; quick: boolean }): Promise<PadFigures[]> {
  const durationMs = quick ? 4000 : 10_000;
  const loads: PadLoad[] = [
    { name: '50 editors, 1 pad', pads: 1, perPad: 50, charsPerSecond: 5, durationMs },
    { name: '500 connections, 100 pads', pads: 100, perPad: 5, charsPerSecond: 1, durationMs },
  ];
  const rows: PadFigures[] = [];
  for (const initial of loads) {
    let load = initial;
    let ours = await benchPadLoad({ kind: 'ours', load, root });
    for (let tries = 0; clientSaturated(ours) && tries < 2; tries++) {
      console.log(`(pads) ${load.name}: the bench process saturates (client CPU ${ours.clientCpuPercent.toFixed(0)} %, loop p99 ${ms(ours.clientLoopP99Ms)}); halving the typing rate.`);
      load = { ...load, charsPerSecond: load.charsPerSecond / 2 };
      ours = await benchPadLoad({ kind: 'ours', load, root });
    }
    rows.push(ours, await benchPadLoad({ kind: 'reference', load, root }));
  }
  return rows;
}

/** Prints the comparison as a table. */
export function printPads(rows: PadFigures[]): void {
  console.log('\n## Pads (issue 4)\n');
  console.log('| load | server | chars/s/editor | keystroke → other editors p50 | p99 | samples | server CPU (1 core) | server RSS | RSS per pad | client CPU | client loop p99 | machine load | converged | disconnects |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |');
  for (const r of rows) {
    const server = r.server === 'ours' ? 'Gare centrale' : 'y-websocket 2 server.cjs';
    console.log(
      `| ${r.name} | ${server} | ${r.charsPerSecond} | ${ms(r.p50Ms)} | ${ms(r.p99Ms)} | ${r.samples} | ${r.serverCpuPercent.toFixed(0)} % | ${r.serverRssMb.toFixed(0)} Mo | ${r.rssPerPadKb.toFixed(0)} Ko | ${r.clientCpuPercent.toFixed(0)} % | ${ms(r.clientLoopP99Ms)} | ${r.machineLoad.toFixed(1)} | ${r.converged ? 'yes' : 'NO'} | ${r.disconnects} |`,
    );
  }
  console.log('\nServers run alone in child processes (CPU and RSS from the server process itself; RSS after a forced GC, per pad = growth over the idle server / pads). Editors are y-websocket 3 clients in the bench process, on 127.0.0.1. Ours stores every update in SQLite before broadcasting it; the reference keeps documents in memory only (no YPERSISTENCE).');
  for (const r of rows.filter(clientSaturated)) {
    console.log(`\n**Warning**: ${r.name} on ${r.server}: the bench process itself was saturated (client CPU ${r.clientCpuPercent.toFixed(0)} %): latencies include client queueing.`);
  }
  for (const r of rows.filter(machineBusy)) {
    console.log(`\n**Warning**: ${r.name} on ${r.server}: the clients' event loop stalled (p99 ${ms(r.clientLoopP99Ms)}) while they used ${r.clientCpuPercent.toFixed(0)} % of a core: other processes had the cores (load ${r.machineLoad.toFixed(1)}); p99 measures the machine, not the server.`);
  }
}
