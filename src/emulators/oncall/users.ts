import { z } from 'zod';
import { apiKey, publicId, serviceAccountToken } from './ids';
import type { EmStore, EmUser } from './model';

/** A user as `--users FILE`, start options and `POST /__emulator/users` give it. */
export const UserInputSchema = z.object({
  username: z.string().min(1),
  email: z.string().min(1),
  apiKey: z.string().min(1).optional(),
  serviceAccount: z.boolean().default(false),
});
export type UserInput = z.input<typeof UserInputSchema>;

/** Adds a user; a missing key is generated (64 hex, or a `glsa_` token for a service account). */
export function addUser(store: EmStore, input: UserInput): EmUser {
  const parsed = UserInputSchema.parse(input);
  const user: EmUser = {
    id: publicId('U'),
    username: parsed.username,
    email: parsed.email,
    apiKey: parsed.apiKey ?? (parsed.serviceAccount ? serviceAccountToken() : apiKey()),
    serviceAccount: parsed.serviceAccount,
  };
  store.users.set(user.id, user);
  return user;
}
