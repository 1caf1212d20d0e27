/** The lifecycle hooks the host application gives the pad server (Hocuspocus-style naming). */
import type { IncomingMessage } from 'node:http';
import type { PadUser } from './pad-meta-store.ts';

/** `on*` hooks may refuse by throwing; `after*` hooks only observe (their errors are logged). */
export interface PadHooks {
  /**
   * Called on upgrade before any sync message: the one gate, where the hub also refuses a foreign
   * Origin (server/http/origin.ts). Throw (Unauthenticated, Forbidden from server/errors.ts) to
   * refuse: the socket is closed with the mapped close code (4401, 4403).
   * Returns the user, whether they may only read, and whether they show in the presence
   * (`presence: false` for anonymous readers, who could otherwise show any name; default true).
   */
  onAuthenticate(payload: { request: IncomingMessage; padName: string }): Promise<{ user: PadUser; readOnly: boolean; presence?: boolean }>;
  /** Called when a pad is first created (no stored state): may return its initial Markdown (a template). */
  onCreate?(payload: { padName: string }): Promise<string | undefined>;
  /** Observes each accepted update, after it is applied and stored. */
  afterChange?(payload: { padName: string; user: PadUser }): void;
  /** Observes each debounced store of a pad (metadata touched, compaction done when due). */
  afterStore?(payload: { padName: string }): void;
}
