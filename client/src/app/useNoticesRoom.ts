/**
 * The room the column of notices needs at the bottom of the window, as `--notices-room` on the
 * board: on a phone the outline covers the canvas and ends that far above the bottom, so a notice
 * shown while it is open (a restore, a flash, the workshop moving on) is in sight below it rather
 * than under it (styles.css). 0 while no notice shows.
 */
import { type RefObject, useLayoutEffect } from 'react';
import { keepHeightAs } from '../lib/heightVar';

/** Between the notices and the window's bottom edge, and between them and the outline. */
const GAP = 8;

export function useNoticesRoom(board: RefObject<HTMLElement | null>, notices: RefObject<HTMLElement | null>) {
  useLayoutEffect(() => {
    const column = notices.current;
    const root = board.current;
    if (!column || !root) return;
    return keepHeightAs(column, root, '--notices-room', (h) => (h > 0 ? `${h + 2 * GAP}px` : '0px'));
  }, [board, notices]);
}
