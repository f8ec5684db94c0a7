import { describe, expect, it } from 'vitest';
import { ConfigError, LIMIT_ENV, loadConfig } from '../../src/config.js';
import { DEFAULT_LIMITS } from '../../src/relay/limits.js';

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('configuration was accepted');
}

describe('loadConfig', () => {
  it('has defaults for everything', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('0.0.0.0');
    expect(config.dataDir).toMatch(/[/\\]data$/);
    expect(config.storage).toBe('sqlite');
    expect(config.journalMmap).toBe(true);
    expect(config.serviceToken).toBeUndefined();
    expect(config.limits).toEqual(DEFAULT_LIMITS);
  });

  it('rejects a bad PORT with a message naming the variable and the value', () => {
    expect(problems({ PORT: 'eighty' })).toMatch(/PORT: .*whole number.*"eighty"/);
    expect(problems({ PORT: '70000' })).toMatch(/PORT: expected a port number 0–65535 \(got "70000"\)/);
  });

  it('reports every bad variable at once', () => {
    const message = problems({ PORT: '-1', MAX_MESSAGE_BYTES: '1.5', PUBLIC_URL: 'ftp://x' });
    expect(message).toContain('PORT:');
    expect(message).toContain('MAX_MESSAGE_BYTES:');
    expect(message).toContain('PUBLIC_URL:');
  });

  it('reads every limit from its named variable', () => {
    expect(LIMIT_ENV.maxMessageBytes).toBe('MAX_MESSAGE_BYTES');
    expect(LIMIT_ENV.maxClientsPerRoom).toBe('MAX_CLIENTS_PER_ROOM');
    const config = loadConfig({ MAX_MESSAGE_BYTES: '1024', MAX_CLIENTS_PER_ROOM: '7' });
    expect(config.limits.maxMessageBytes).toBe(1024);
    expect(config.limits.maxClientsPerRoom).toBe(7);
  });

  it('applies the limits’ own rules under the variable’s name', () => {
    expect(problems({ MAX_MESSAGE_BYTES: '0' })).toContain('MAX_MESSAGE_BYTES: must be at least 1');
  });

  it('requires DATABASE_URL with STORAGE=postgres', () => {
    expect(problems({ STORAGE: 'postgres' })).toMatch(/DATABASE_URL: required when STORAGE=postgres/);
    const config = loadConfig({ STORAGE: 'postgres', DATABASE_URL: 'postgres://u@db:5432/tn' });
    expect(config.storage).toBe('postgres');
    expect(config.databaseUrl).toBe('postgres://u@db:5432/tn');
    expect(problems({ STORAGE: 'mysql' })).toMatch(/STORAGE: expected sqlite or postgres/);
  });

  it('turns the journal’s mapping off with JOURNAL_MMAP=false, and names a bad value', () => {
    expect(loadConfig({ JOURNAL_MMAP: 'false' }).journalMmap).toBe(false);
    expect(problems({ JOURNAL_MMAP: 'off' })).toMatch(/JOURNAL_MMAP: expected true or false \(got "off"\)/);
  });

  it('treats empty variables as unset and trims PUBLIC_URL', () => {
    const config = loadConfig({ PORT: '', SERVICE_TOKEN: '', PUBLIC_URL: 'https://board.example.com/' });
    expect(config.port).toBe(3000);
    expect(config.serviceToken).toBeUndefined();
    expect(config.publicUrl).toBe('https://board.example.com');
  });

  it('refuses a short SERVICE_TOKEN', () => {
    const message = problems({ SERVICE_TOKEN: 'abc-secret' });
    expect(message).toContain('SERVICE_TOKEN: must be at least 16 characters');
    expect(message).not.toContain('abc-secret');
  });
});
