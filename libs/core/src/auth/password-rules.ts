/**
 * What is wrong with a chosen password besides its length (at least 10
 * characters, checked where it is read), or undefined: blank or only
 * whitespace (any Unicode space), or the account's own e-mail (compared
 * trimmed and case-insensitively). The registration DTO and the
 * ADMIN_PASSWORD check both use it, so both refuse the same passwords.
 */
export function passwordProblem(password: string, email?: string): string | undefined {
  if (password.trim() === '') return 'must not be blank or only spaces';
  if (email !== undefined && email.trim() !== '' && password.trim().toLowerCase() === email.trim().toLowerCase()) {
    return 'must not be the same as the e-mail address';
  }
  return undefined;
}
