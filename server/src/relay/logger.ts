/** The logging the relay needs; a pino logger (Fastify's `app.log`) fits. */
export interface RelayLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: RelayLogger = {
  info() {},
  warn() {},
  error() {},
};
