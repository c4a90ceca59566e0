/**
 * The command that approves a provider's invited endpoints, as the double-nat app's provider stack
 * outputs it (this repository's script; hints name the command through lib/shell/tool-command.ts).
 * There is one approval implementation (lib/approval/approve.ts): the output points to it instead of
 * carrying a shell program of its own.
 */

import { scriptCommand } from '../shell/tool-command';

/** Run from the checkout that synthesized the stacks (it reads cdktf.out): a synth's output never depends on who synthesized. */
export const APPROVE_COMMAND = scriptCommand('approve');
