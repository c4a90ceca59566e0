import fc from 'fast-check';

/** A password Azure would accept (three character classes), distinctive enough to search for. */
export const secretMarker = fc.stringMatching(/^[A-Za-z0-9!#%*()_+=-]{8,30}$/).map((s) => `Zq7!${s}`);

/** Fails when `text` shows the secret or any 8 characters of it in a row (messages may cut a quote short). */
export function expectNoPieceOf(secret: string, text: string): void {
  for (let i = 0; i + 8 <= secret.length; i++) expect(text).not.toContain(secret.slice(i, i + 8));
}
