/** The admin web UI: sign-in, then the pages of the admin API, addressed by the URL's hash. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { whenUnauthorized } from './api';
import { IntegrationList } from './pages/integration-list';
import { IntegrationPage } from './pages/integration-page';
import { PairPage } from './pages/pair-page';
import { SignIn } from './pages/sign-in';
import { NewIntegration } from './pages/wizard/new-integration';
import { WizardBusinessRule, WizardStates } from './pages/wizard/after-create';
import { href, match, navigate, useHashPath } from './route';
import { forgetToken, storedToken } from './session';

function App() {
  const [signedIn, setSignedIn] = useState(() => storedToken() !== null);
  useEffect(() => whenUnauthorized(() => setSignedIn(false)), []);
  if (!signedIn) return <SignIn onSignedIn={() => setSignedIn(true)} />;
  const signOut = () => {
    forgetToken();
    setSignedIn(false);
    navigate('/');
  };
  return (
    <>
      <header class="top">
        <a class="brand" href={href('/')}>
          OnCall ⇄ ServiceNow bridge
        </a>
        <nav aria-label="Main">
          <a href={href('/')}>Integrations</a>
          <a href={href('/new')}>New integration</a>
          <a href="/api/v1/openapi.json" title="The admin API's OpenAPI document (JSON)">
            API description
          </a>
          <button type="button" class="button button-plain" onClick={signOut}>
            Sign out
          </button>
        </nav>
      </header>
      <main id="main">
        <Page />
      </main>
    </>
  );
}

function Page() {
  const path = useHashPath();
  let params: Record<string, string> | undefined;
  if (path === '/' || path === '/integrations') return <IntegrationList />;
  if (path === '/new') return <NewIntegration />;
  if ((params = match('/integrations/:id/setup/states', path))) return <WizardStates id={params.id!} />;
  if ((params = match('/integrations/:id/setup/business-rule', path))) return <WizardBusinessRule id={params.id!} />;
  if ((params = match('/integrations/:id', path))) return <IntegrationPage id={params.id!} tab="overview" />;
  if ((params = match('/integrations/:id/:tab', path))) return <IntegrationPage id={params.id!} tab={params.tab!} />;
  if ((params = match('/pairs/:pairId', path))) return <PairPage pairId={params.pairId!} />;
  return (
    <>
      <h1>Page not found</h1>
      <p>
        <a href={href('/')}>Back to the integrations</a>
      </p>
    </>
  );
}

render(<App />, document.getElementById('app')!);
