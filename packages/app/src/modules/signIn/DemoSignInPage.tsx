import {
  Content,
  ErrorPanel,
  Header,
  InfoCard,
  Page,
  ProxiedSignInPage,
} from '@backstage/core-components';
import {
  configApiRef,
  IdentityApi,
  useApi,
} from '@backstage/frontend-plugin-api';
import { SignInPageProps } from '@backstage/plugin-app-react';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useEffect, useMemo, useState } from 'react';
import { chosenIdentity, DemoIdentity, demoIdentities } from './demoIdentities';

/**
 * Sign-in for the demo: as the guest (a Team Alpha developer) or as priya of
 * the Platform Team. The choice is kept in the browser, so a reload signs in
 * again as the same person, until sign-out.
 */
export function DemoSignInPage(props: SignInPageProps) {
  const { onSignInSuccess } = props;
  const [chosen, setChosen] = useState(() => chosenIdentity.get());
  const [failure, setFailure] = useState<
    { identity: DemoIdentity; error: Error } | undefined
  >();

  // Rendered by ProxiedSignInPage when sign-in fails: back to the choices,
  // with the error.
  const SignInFailed = useMemo(
    () =>
      function ReportFailure({ error }: { error?: Error }) {
        useEffect(() => {
          const identity = chosenIdentity.get();
          chosenIdentity.forget();
          setChosen(undefined);
          if (identity) {
            setFailure({ identity, error: error ?? new Error('Unknown') });
          }
        }, [error]);
        return null;
      },
    [],
  );

  if (chosen) {
    return (
      <ProxiedSignInPage
        key={chosen.id}
        provider={chosen.provider}
        headers={chosen.headers}
        ErrorComponent={SignInFailed}
        onSignInSuccess={identity =>
          onSignInSuccess(forgetChoiceOnSignOut(identity))
        }
      />
    );
  }
  return (
    <Choices
      failure={failure}
      onChoose={identity => {
        chosenIdentity.set(identity);
        setFailure(undefined);
        setChosen(identity);
      }}
    />
  );
}

function Choices(props: {
  failure?: { identity: DemoIdentity; error: Error };
  onChoose: (identity: DemoIdentity) => void;
}) {
  const { failure, onChoose } = props;
  const configApi = useApi(configApiRef);
  return (
    <Page themeId="home">
      <Header title={configApi.getString('app.title')} />
      <Content>
        {failure && (
          <ErrorPanel
            title={`Could not sign in as ${failure.identity.title}`}
            error={failure.error}
          />
        )}
        <Grid container spacing={2} component="ul" style={{ padding: 0 }}>
          {demoIdentities.map(identity => (
            <Grid
              key={identity.id}
              item
              component="li"
              style={{ display: 'flex', width: '100%', maxWidth: 400 }}
            >
              <InfoCard
                title={identity.title}
                variant="fullHeight"
                actions={
                  <Button
                    color="primary"
                    variant="outlined"
                    onClick={() => onChoose(identity)}
                  >
                    {identity.action}
                  </Button>
                }
              >
                <Typography variant="body1">{identity.description}</Typography>
              </InfoCard>
            </Grid>
          ))}
        </Grid>
      </Content>
    </Page>
  );
}

/** The identity, whose sign-out also forgets the choice of identity. */
function forgetChoiceOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    async signOut() {
      chosenIdentity.forget();
      await identity.signOut();
    },
  };
}
