const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A random id of `length` characters (62^12 ≈ 3·10^21 values at the default). */
export function newId(length = 12): string {
  const bytes = new Uint8Array(length);
  // Web Crypto exists in browsers and Node ≥ 19; typed here so shared/ needs neither DOM nor Node types.
  (
    globalThis as unknown as { crypto: { getRandomValues(a: Uint8Array): Uint8Array } }
  ).crypto.getRandomValues(bytes);
  let id = '';
  for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
  return id;
}
