import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import { type Peer, readPeers } from './presence';

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
