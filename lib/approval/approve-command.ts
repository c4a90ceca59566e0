/**
 * The command that approves a provider's invited endpoints, as the provider stack outputs it and the
 * hints name it. There is one approval implementation (`npm run approve`, lib/approval/approve.ts):
 * the output points to it instead of carrying a shell program of its own.
 */

/** Run from the checkout that synthesized the stacks (it reads cdktf.out); the text is written once, here. */
export const APPROVE_COMMAND = 'npm run approve';
