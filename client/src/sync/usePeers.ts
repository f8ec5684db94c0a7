import { useEffect, useRef, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { type Peer, readPeers, rosterKey } from './presence';

/** Other people on the board, re-read at most once per animation frame. */
export function usePeers(awareness: Awareness): Peer[] {
  const [peers, setPeers] = useState<Peer[]>(() => readPeers(awareness.getStates(), awareness.clientID));
  useEffect(() => {
    let frame = 0;
    const onChange = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setPeers(readPeers(awareness.getStates(), awareness.clientID));
      });
    };
    awareness.on('change', onChange);
    onChange();
    return () => {
      awareness.off('change', onChange);
      if (frame) cancelAnimationFrame(frame);
    };
  }, [awareness]);
  return peers;
}

/**
 * Other people on the board for a list of who is here: the same array until someone joins,
 * leaves, renames or changes colour or role. At a kick-off fifty cursors move all the time; the
 * top bar re-drew on every one of their moves.
 */
export function usePeople(awareness: Awareness): Peer[] {
  const peers = usePeers(awareness);
  const kept = useRef<{ key: string; peers: Peer[] } | null>(null);
  const key = rosterKey(peers);
  if (kept.current?.key !== key) kept.current = { key, peers };
  return kept.current.peers;
}
