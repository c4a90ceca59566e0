import fc from 'fast-check';

/** A password Azure would accept (three character classes), distinctive enough to search for. */
export const secretMarker = fc.stringMatching(/^[A-Za-z0-9!#%*()_+=-]{8,30}$/).map((s) => `Zq7!${s}`);

/** Fails when `text` shows the secret or any 8 characters of it in a row (messages may cut a quote short). */
export function expectNoPieceOf(secret: string, text: string): void {
  const pieces = Array.from({ length: secret.length - 7 }, (_, i) => secret.slice(i, i + 8));
  expect(pieces.filter((piece) => text.includes(piece))).toEqual([]);
}
