/** The first page: the admin token, checked against the API before it is kept for this tab. */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { Button, ErrorNote, TextField } from '../components/form';
import { useAction } from '../components/load';
import { storeToken } from '../session';

export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [token, setToken] = useState('');
  const action = useAction();
  const submit = async (e: Event) => {
    e.preventDefault();
    const ok = await action.run(() => api('GET', '/api/v1/integrations', undefined, token.trim()));
    if (ok === undefined) return;
    storeToken(token.trim());
    onSignedIn();
  };
  const refused = action.error?.status === 401 ? 'The bridge refused this token.' : undefined;
  return (
    <main class="sign-in">
      <h1>OnCall ⇄ ServiceNow bridge</h1>
      <p>Sign in with the bridge's admin token to set up and watch integrations.</p>
      <form onSubmit={(e) => void submit(e)}>
        <TextField
          label="Admin token"
          type="password"
          value={token}
          onValue={setToken}
          required
          autoComplete="current-password"
          error={refused}
          hint={
            <>
              <code>npm start</code> prints where it is (by default the file <code>data/admin-token</code>); otherwise
              it is the <code>BRIDGE_ADMIN_TOKEN</code> setting. It is kept in this browser tab only.
            </>
          }
        />
        {refused ? null : <ErrorNote error={action.error} />}
        <Button type="submit" kind="primary" busy={action.busy}>
          Sign in
        </Button>
      </form>
    </main>
  );
}
