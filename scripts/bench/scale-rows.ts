/** Issue 16's rows from the scale benchmark's figures: each figure, its anchor, its goal, met or not. Pure. */
import type { LoadSummary } from './scale-load.ts';
import type { RssPeaks } from './scale-rss.ts';
import { bytes, duration, failed, num, type Met, type Outcome, type ScaleRow } from './scale-table.ts';

/** Terminal commits: each one's time from `git commit` done to the page served. */
export interface CommitFigures { medianMs: number; maxMs: number; count: number }
/** The history row: `git log --name-status` against our first build. */
export interface HistoryFigures { commits: number; gitLogMs: number; buildMs: number; cpuMs: number; maxLoopBlockMs: number }

/** Everything one run measured. */
export interface ScaleFigures {
  pages: number;
  /** Hugo alone, and Hugo then Pagefind (ms). */
  hugo: Outcome<{ hugoMs: number; totalMs: number }>;
  /** `nginx` or the fallback's label. */
  staticLabel: string;
  staticAfterStart: Outcome<LoadSummary>;
  staticWarm: Outcome<LoadSummary>;
  home: Outcome<LoadSummary>;
  warm: Outcome<LoadSummary>;
  /** Warm pages with 10 clients: the `/recherche` row's anchor. */
  warm10: Outcome<LoadSummary>;
  afterStart: Outcome<LoadSummary>;
  search: Outcome<LoadSummary>;
  commit: Outcome<CommitFigures>;
  firstPageCold: Outcome<number>;
  firstPageRestart: Outcome<number>;
  searchReadyCold: Outcome<number>;
  searchReadyRestart: Outcome<number>;
  memory: Outcome<RssPeaks>;
  history: Outcome<HistoryFigures>;
}

/** `p50 24 / p99 93 ms, 1,800 req/s`, with what went wrong or was cut short. */
export function loadCell(s: LoadSummary, { rate = true, max = false } = {}): string {
  let text = `p50 ${num(s.p50Ms)} / p99 ${num(s.p99Ms)} ms`;
  if (max) text += `, max ${duration(s.maxMs)}`;
  if (rate) text += `, ${num(s.requestsPerSecond)} req/s`;
  if (s.count < s.asked) text += ` (${num(s.count)} of ${num(s.asked)} requests before the deadline)`;
  if (s.failures) text += ` (not 200: ${s.failures})`;
  return text;
}

const show = <T>(o: Outcome<T>, format: (v: T) => string): string => (o.ok ? format(o.value) : failed(o.reason));
const judge = <T>(o: Outcome<T>, test: (v: T) => boolean): Met => (o.ok ? test(o.value) : undefined);
const clean = (s: LoadSummary): boolean => s.failures === '' && s.count === s.asked;

/** The table's rows, in the issue's order. */
export function scaleRows(f: ScaleFigures): ScaleRow[] {
  const large = f.pages >= 100_000;
  const firstGoalMs = large ? 5000 : 1000;
  const atLarge = large ? undefined : 'goal set at 100k';
  const staticName = `static file server (${f.staticLabel})`;
  const ratio = f.searchReadyCold.ok && f.hugo.ok ? f.searchReadyCold.value / f.hugo.value.totalMs : undefined;
  const history = f.history;
  return [
    { figure: 'home portal, 50 concurrent', anchor: '—', now: show(f.home, (s) => loadCell(s)), goal: 'p99 < 20 ms', met: judge(f.home, (s) => clean(s) && s.p99Ms < 20) },
    {
      figure: 'wiki page, warm, 50 concurrent',
      anchor: show(f.staticWarm, (s) => `${staticName}: ${loadCell(s)}`),
      // The load client shares the two cores: its own CPU per request bounds what either server can show.
      now: show(f.warm, (s) => `${loadCell(s)}${s.clientCpuMsPerRequest ? ` (load client: ${s.clientCpuMsPerRequest.toFixed(2)} ms CPU per request)` : ''}`),
      goal: 'p99 < 20 ms, ≥ 5,000 req/s',
      met: judge(f.warm, (s) => clean(s) && s.p99Ms < 20 && s.requestsPerSecond >= 5000),
    },
    {
      figure: 'wiki page right after start (nothing rendered yet: fresh data dir, first 2,000 requests)',
      anchor: show(f.staticAfterStart, (s) => `static, first requests after its start: ${loadCell(s, { rate: false })}`),
      now: show(f.afterStart, (s) => loadCell(s, { rate: false, max: true })),
      goal: 'p99 < 30 ms',
      met: judge(f.afterStart, (s) => clean(s) && s.p99Ms < 30),
    },
    { figure: '`/recherche?q=`, 10 concurrent', anchor: show(f.warm10, (s) => `warm page, 10 concurrent: p50 ${num(s.p50Ms)} ms`), now: show(f.search, (s) => loadCell(s)), goal: 'p99 < 50 ms', met: judge(f.search, (s) => clean(s) && s.p99Ms < 50) },
    {
      figure: 'terminal commit → served',
      anchor: show(f.hugo, (h) => `Hugo full rebuild ${duration(h.hugoMs)}`),
      now: show(f.commit, (c) => `median ${duration(c.medianMs)}, max ${duration(c.maxMs)} (${c.count} commits)`),
      goal: '< 50 ms',
      met: judge(f.commit, (c) => c.maxMs < 50),
    },
    { figure: 'start → first page (cold data dir)', anchor: '—', now: show(f.firstPageCold, duration), goal: `< ${firstGoalMs / 1000} s`, met: judge(f.firstPageCold, (v) => v < firstGoalMs) },
    { figure: 'start → first page, restart with unchanged repository', anchor: '—', now: show(f.firstPageRestart, duration), goal: `< ${firstGoalMs / 1000} s`, met: judge(f.firstPageRestart, (v) => v < firstGoalMs) },
    {
      figure: 'start → full search ready (cold)',
      anchor: show(f.hugo, (h) => `Hugo + Pagefind CLI ${duration(h.totalMs)}`),
      now: show(f.searchReadyCold, (v) => (ratio === undefined ? duration(v) : `${duration(v)}, ≈ ${ratio.toFixed(2)}×`)),
      goal: '≤ 0.3× on a cold start',
      met: ratio === undefined ? undefined : ratio <= 0.3,
      ...(ratio === undefined && f.searchReadyCold.ok ? { metNote: 'no anchor' } : {}),
    },
    { figure: 'start → full search ready, restart with unchanged repository', anchor: '—', now: show(f.searchReadyRestart, duration), goal: '< 2 s', met: judge(f.searchReadyRestart, (v) => v < 2000) },
    { figure: 'memory: hub peak RSS', anchor: '—', now: show(f.memory, (m) => `${bytes(m.own)} (${num(m.samples)} samples, every 100 ms)`), goal: '100k: < 1.5 GB', met: large ? judge(f.memory, (m) => m.own < 1.5e9) : undefined, ...(atLarge ? { metNote: atLarge } : {}) },
    { figure: 'memory: hub + Pagefind indexers (process tree, summed)', anchor: '—', now: show(f.memory, (m) => bytes(m.tree)), goal: '100k: < 2.5 GB', met: large ? judge(f.memory, (m) => m.tree < 2.5e9) : undefined, ...(atLarge ? { metNote: atLarge } : {}) },
    {
      figure: `history first build, ${history.ok ? num(history.value.commits) : '10,000'} commits`,
      anchor: show(history, (h) => `\`git log --name-status\` ${duration(h.gitLogMs)}`),
      now: show(history, (h) => `${duration(h.buildMs)} (${(h.buildMs / h.gitLogMs).toFixed(1)}× git log), ${duration(h.cpuMs)} CPU, main thread blocked ≤ ${duration(h.maxLoopBlockMs)}`),
      goal: '≤ 5× git log, off the main thread (main thread blocked < 100 ms)',
      met: judge(history, (h) => h.buildMs <= 5 * h.gitLogMs && h.maxLoopBlockMs < 100),
    },
  ];
}
