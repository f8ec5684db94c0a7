/** The board's snapshot list and a cache of loaded snapshots, for the history panel. */
import type { SnapshotInfo } from '@truenorth/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError, getSnapshot, listSnapshots, type SnapshotView } from './api';

export type Loaded<T> =
  | { state: 'loading' }
  | { state: 'error'; message: string; code?: string }
  | { state: 'ready'; value: T };

/** While the history is open, its list is read again this often (and when the tab comes back). */
export const LIST_REFRESH_MS = 10_000;

export function useSnapshots(boardId: string, token: string) {
  const [list, setList] = useState<Loaded<SnapshotInfo[]>>({ state: 'loading' });
  const cache = useRef(new Map<string, Promise<Loaded<SnapshotView>>>());
  const refresh = useCallback(
    async (quiet = false) => {
      const r = await listSnapshots(boardId, token);
      if (r.ok) setList({ state: 'ready', value: r.value });
      // A background refresh that fails keeps the list people are looking at.
      else if (!quiet) setList({ state: 'error', message: describeError(r) });
      return r.ok ? r.value : null;
    },
    [boardId, token],
  );
  useEffect(() => {
    void refresh();
    // Snapshots keep coming while the history is open (every few minutes while people work, at
    // each agenda step, another facilitator's) and old automatic ones are thinned out.
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refresh(true);
    }, LIST_REFRESH_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh(true);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh]);
  // Snapshots never change once taken, so each is fetched once.
  const load = useCallback(
    (sid: string) => {
      let p = cache.current.get(sid);
      if (!p) {
        p = getSnapshot(boardId, token, sid).then(
          (r): Loaded<SnapshotView> =>
            r.ok
              ? { state: 'ready', value: r.value }
              : { state: 'error', message: describeError(r), code: r.kind === 'http' ? r.code : undefined },
        );
        cache.current.set(sid, p);
        void p.then((l) => l.state === 'error' && cache.current.delete(sid));
      }
      return p;
    },
    [boardId, token],
  );
  return { list, refresh, load };
}

/** One loaded snapshot, or null while none is asked for. */
export function useSnapshot(load: (sid: string) => Promise<Loaded<SnapshotView>>, sid: string | null) {
  const [value, setValue] = useState<Loaded<SnapshotView> | null>(null);
  useEffect(() => {
    if (sid === null) {
      setValue(null);
      return;
    }
    let live = true;
    setValue({ state: 'loading' });
    void load(sid).then((v) => live && setValue(v));
    return () => {
      live = false;
    };
  }, [load, sid]);
  return value;
}
