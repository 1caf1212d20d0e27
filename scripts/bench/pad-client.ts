/**
 * Pad editors for the benchmark: real y-websocket clients (as a browser tab runs them) that type
 * at a steady rate. Every editor runs in this process, so the time of each keystroke is kept here,
 * by Yjs client id and clock (one character, one clock tick), and each other editor of the pad
 * measures when that very character reached it: nothing extra travels in the document.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { PAD_TEXT } from '../../server/pads/pad-protocol.ts';

const phrase = 'Compte-rendu de la réunion : décisions prises, actions à mener, prochaine échéance. ';

/** One connected editor. */
export interface Editor {
  /** Pad it edits. */
  pad: string;
  /** Its document. */
  doc: Y.Doc;
  /** Types one character after its own previous one (its own line at first). */
  type(): void;
  /** Disconnects. */
  destroy(): void;
}

/** What the editors of a run observed. */
export interface Observed {
  /** Keystroke → arrival at another editor of the pad, ms. */
  latencies: number[];
  /** Keystrokes sent while recording. */
  sent: number;
  /** Connections lost after the first sync (the server closed them, or they timed out). */
  disconnects: number;
}

/** Editors connected to many pads, and what they observe. */
export interface EditorGroup {
  /** Every editor. */
  editors: Editor[];
  /** Measures only what is sent from now on, until `stopRecording`. */
  startRecording(): void;
  /** Stops measuring and returns what was observed. */
  stopRecording(): Observed;
  /** True once every pad's editors all hold the same text (waits at most `timeoutMs`). */
  converged(timeoutMs: number): Promise<boolean>;
  /** Disconnects every editor. */
  destroy(): void;
}

/** Options of `connectEditors`. */
export interface ConnectOptions {
  /** Server URL (WebsocketProvider appends `/<pad>`), or one per editor (several instances). */
  url: string | ((editor: number) => string);
  /** Number of pads (`bench-pad-0`…). */
  pads: number;
  /** Editors per pad. */
  perPad: number;
  /** Longest wait for every editor to sync. */
  timeoutMs: number;
}

/** Connects `pads × perPad` editors and resolves once all have synced with the server. */
export async function connectEditors({ url, pads, perPad, timeoutMs }: ConnectOptions): Promise<EditorGroup> {
  const observed: Observed = { latencies: [], sent: 0, disconnects: 0 };
  let recordingSince = Infinity;
  const editors: Editor[] = [];
  const syncs: Promise<void>[] = [];
  const sentTimes = new Map<number, number[]>();
  // Each y-websocket provider listens to the process 'exit' event: hundreds are expected here.
  process.setMaxListeners(process.getMaxListeners() + pads * perPad);
  for (let p = 0; p < pads; p++) {
    for (let k = 0; k < perPad; k++) {
      const key = `e${p}-${k}`;
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(typeof url === 'string' ? url : url(editors.length), `bench-pad-${p}`, doc, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        params: { user: key },
      });
      provider.awareness.setLocalStateField('user', { name: `Personne ${key}`, color: '#30bced' });
      const text = doc.getText(PAD_TEXT);
      const mine: number[] = [];
      sentTimes.set(doc.clientID, mine);
      // The clocks a remote transaction added, per client, are exactly the characters it brought.
      doc.on('afterTransaction', (transaction) => {
        if (transaction.local) return;
        const now = performance.now();
        for (const [client, after] of transaction.afterState) {
          const times = sentTimes.get(client);
          for (let clock = transaction.beforeState.get(client) ?? 0; clock < after; clock++) {
            const sentAt = times?.[clock];
            if (sentAt !== undefined && sentAt >= recordingSince) observed.latencies.push(now - sentAt);
          }
        }
      });
      syncs.push(new Promise((resolve) => provider.once('sync', () => resolve())));
      provider.on('status', ({ status }) => {
        if (status === 'disconnected' && provider.synced) observed.disconnects++;
      });
      let cursor: Y.RelativePosition | undefined;
      let typed = 0;
      editors.push({
        pad: `bench-pad-${p}`,
        doc,
        type() {
          const at = (cursor && Y.createAbsolutePositionFromRelativePosition(cursor, doc)?.index) ?? text.length;
          const char = typed === 0 ? '\n' : phrase.charAt(typed % phrase.length);
          typed++;
          // The clock of this character is the number this client typed before it.
          mine.push(performance.now());
          text.insert(at, char);
          // Anchored to the character just typed (assoc -1), so others' typing never moves it.
          cursor = Y.createRelativePositionFromTypeIndex(text, at + 1, -1);
          if (performance.now() >= recordingSince) observed.sent++;
        },
        destroy: () => {
          provider.destroy();
          doc.destroy();
        },
      });
    }
  }
  const group: EditorGroup = {
    editors,
    startRecording() {
      recordingSince = performance.now();
    },
    stopRecording() {
      recordingSince = Infinity;
      return { ...observed, latencies: [...observed.latencies] };
    },
    async converged(timeout) {
      const started = performance.now();
      const byPad = new Map<string, Editor[]>();
      for (const editor of editors) byPad.set(editor.pad, [...(byPad.get(editor.pad) ?? []), editor]);
      const same = (): boolean =>
        [...byPad.values()].every((list) => list.every((e) => e.doc.getText(PAD_TEXT).toString() === list[0]?.doc.getText(PAD_TEXT).toString()));
      while (!same()) {
        if (performance.now() - started > timeout) return false;
        await new Promise((r) => setTimeout(r, 100));
      }
      return true;
    },
    destroy() {
      for (const editor of editors) editor.destroy();
      process.setMaxListeners(Math.max(10, process.getMaxListeners() - pads * perPad));
    },
  };
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`editors not synced after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([Promise.all(syncs), timedOut]);
  } catch (error) {
    group.destroy();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return group;
}
