/**
 * This browser's copy of a board (y-indexeddb's database `truenorth:<boardId>`, store `updates`)
 * is data from outside the process: a record that is not a Yjs update — a damaged disk, an old
 * bug, a curious user — would make y-indexeddb throw while loading, skip every record after it,
 * and leave the board empty offline. Before y-indexeddb opens the copy, records that do not decode
 * as Yjs updates are set aside (deleted; the server's copy is whole), and how many is reported.
 */
import * as Y from 'yjs';

/** Whether a stored value is a Yjs update that decodes. */
export function isUpdate(value: unknown): boolean {
  if (!(value instanceof Uint8Array)) return false;
  try {
    Y.decodeUpdate(value);
    return true;
  } catch {
    return false;
  }
}

/** Delete the records of `name`'s `updates` store that are not Yjs updates; resolves their count. */
export function repairLocalCopy(name: string): Promise<number> {
  if (typeof indexedDB === 'undefined') return Promise.resolve(0);
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(name);
    } catch {
      resolve(0);
      return;
    }
    // No copy yet: do not create one here (y-indexeddb creates it with its stores).
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = () => resolve(0);
    request.onblocked = () => resolve(0);
    request.onsuccess = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('updates')) {
        db.close();
        resolve(0);
        return;
      }
      let removed = 0;
      const tx = db.transaction('updates', 'readwrite');
      const cursor = tx.objectStore('updates').openCursor();
      cursor.onsuccess = () => {
        const at = cursor.result;
        if (!at) return;
        if (!isUpdate(at.value)) {
          at.delete();
          removed++;
        }
        at.continue();
      };
      const done = () => {
        db.close();
        resolve(removed);
      };
      tx.oncomplete = done;
      tx.onerror = done;
      tx.onabort = done;
    };
  });
}
