import { CloseCode } from '@truenorth/shared';
import { describe, expect, it } from 'vitest';
import { forViewer, noticeAfterClose, UNREACHABLE } from './notice';

describe('noticeAfterClose', () => {
  it('names what the relay closed for, and whether the user’s change was refused', () => {
    expect(noticeAfterClose(CloseCode.roomFull)).toMatchObject({ name: 'roomFull', kind: 'waiting' });
    expect(noticeAfterClose(CloseCode.goingAway)).toMatchObject({ name: 'goingAway', kind: 'waiting' });
    expect(noticeAfterClose(CloseCode.docTooLarge)).toMatchObject({ name: 'docTooLarge', kind: 'refused' });
    expect(noticeAfterClose(CloseCode.messageTooBig)).toMatchObject({
      name: 'messageTooBig',
      kind: 'refused',
    });
    expect(noticeAfterClose(CloseCode.badMessage)?.title).toBe('The server refused this connection');
  });

  it('a close without a frame keeps the notice before it; a plain or unknown close clears it', () => {
    expect(noticeAfterClose(1006)).toBeUndefined();
    expect(noticeAfterClose(1005)).toBeUndefined();
    expect(noticeAfterClose(CloseCode.normal)).toBeNull();
    expect(noticeAfterClose(4999)).toBeNull();
  });
});

describe('forViewer', () => {
  it('leaves out "changes you make are kept" for someone who cannot make any', () => {
    const restarting = noticeAfterClose(CloseCode.goingAway);
    expect(restarting && forViewer(restarting).body).toBe('Reconnecting in a moment.');
    expect(forViewer(UNREACHABLE).body).toBe(
      'No answer: the connection on the way (a tunnel, a hotel Wi-Fi) or the server itself may be down. Truenorth keeps trying.',
    );
    const unusable = noticeAfterClose(CloseCode.badMessage);
    expect(unusable && forViewer(unusable).body).toBe(
      'Reconnecting. If this keeps happening, reload the page.',
    );
  });
});
