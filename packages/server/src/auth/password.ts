import { hash, verify, type Algorithm } from '@node-rs/argon2';

const OPTS = { algorithm: 2 as Algorithm /* Argon2id; a const enum, unusable under verbatimModuleSyntax */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (pw: string) => hash(pw, OPTS);
export const verifyPassword = (stored: string, pw: string) => verify(stored, pw).catch(() => false);

/** Verified against when the user does not exist, so timing does not reveal which usernames exist. */
let dummy: Promise<string> | undefined;
export const dummyHash = () => (dummy ??= hashPassword('not-a-real-password'));
