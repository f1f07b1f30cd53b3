/**
 * Session-id lanes for the Timeline: one lane per session id, from the first request that had it
 * to the last, with how it began and ended (new, regenerated from / into another id, destroyed).
 * Pure: fed the session ids each request reported (server-lib's idBefore / idAfter).
 */

export interface SessionSighting {
  /** The request's position in the timeline's inputs. */
  index: number;
  time: number;
  idBefore: string | null;
  idAfter: string | null;
}

export interface SessionLane {
  id: string;
  from: number;
  to: number;
  /** Requests that carried or set this id. */
  requests: { index: number; time: number }[];
  began: 'new' | 'regenerated' | 'seen';
  ended: 'destroyed' | 'regenerated' | 'open';
}

export function sessionLanes(sightings: readonly SessionSighting[]): SessionLane[] {
  const lanes = new Map<string, SessionLane>();
  const lane = (id: string, s: SessionSighting, began: SessionLane['began']): SessionLane => {
    let l = lanes.get(id);
    if (!l) {
      l = { id, from: s.time, to: s.time, requests: [], began, ended: 'open' };
      lanes.set(id, l);
    }
    l.to = Math.max(l.to, s.time);
    if (l.requests.at(-1)?.index !== s.index) l.requests.push({ index: s.index, time: s.time });
    return l;
  };
  for (const s of sightings) {
    const { idBefore, idAfter } = s;
    if (idBefore !== null) {
      const l = lane(idBefore, s, 'seen');
      if (idAfter === null) l.ended = 'destroyed';
      else if (idAfter !== idBefore) l.ended = 'regenerated';
    }
    if (idAfter !== null && idAfter !== idBefore) lane(idAfter, s, idBefore === null ? 'new' : 'regenerated');
  }
  return [...lanes.values()];
}
