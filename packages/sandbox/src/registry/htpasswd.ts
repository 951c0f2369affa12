import bcrypt from 'bcryptjs';

/** The registry's htpasswd backend accepts bcrypt only; cost 5 keeps every authenticated request cheap. */
const SANDBOX_BCRYPT_COST = 5;

export function htpasswdLine(username: string, password: string): string {
  if (username.includes(':')) throw new Error(`htpasswd user names cannot contain ':' (got ${username})`);
  return `${username}:${bcrypt.hashSync(password, SANDBOX_BCRYPT_COST)}\n`;
}
