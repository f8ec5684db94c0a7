/** Errors the relay's API raises, with a stable code and the HTTP status a route should answer. */
export type RelayErrorCode =
  | 'SNAPSHOT_NOT_FOUND'
  | 'SNAPSHOT_UNREADABLE'
  | 'SHUTTING_DOWN'
  | 'BOARD_UNAVAILABLE'
  | 'BAD_BOARD_ID';

const STATUS: Record<RelayErrorCode, number> = {
  SNAPSHOT_NOT_FOUND: 404,
  SNAPSHOT_UNREADABLE: 500,
  SHUTTING_DOWN: 503,
  BOARD_UNAVAILABLE: 503,
  BAD_BOARD_ID: 400,
};

export class RelayError extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: RelayErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RelayError';
    this.statusCode = STATUS[code];
  }
}
