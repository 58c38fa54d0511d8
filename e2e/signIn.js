// Signs in to the app in headless Chromium as one of the demo organisation's
// people, through the sign-in page, as someone at the keyboard would.
//
//   const { signInAs, signOut } = require('./signIn');
//   const identity = await signInAs(page, backend.baseUrl, 'priya');
//   identity.token // her Backstage token, for API calls in her name
//
// The page must show the sign-in page: a new page (each browser.newPage()
// has its own storage), or one signed out with signOut().

/** The sign-in page's choices (packages/app/src/modules/signIn). */
const identities = {
  // A developer of team-alpha, through Backstage's guest provider.
  guest: {
    button: 'Enter',
    provider: 'guest',
    userEntityRef: 'user:default/guest',
  },
  // Of the platform team, through the demo provider
  // (packages/backend/src/modules/demoSignIn).
  priya: {
    button: 'Sign in as priya',
    provider: 'demo',
    userEntityRef: 'user:default/priya',
  },
};

/** Whether `response` is the sign-in provider's answer. */
function isSignIn(response, provider) {
  return new URL(response.url()).pathname === `/api/auth/${provider}/refresh`;
}

/**
 * Signs in as `who` ('guest' or 'priya') and waits for the app. Resolves to
 * the identity the backend issued: `{ userEntityRef, ownershipEntityRefs,
 * token }`; throws when the backend signed in someone else or refused (a
 * 404, while the catalog loads the demo organisation, only after timeoutMs).
 */
async function signInAs(page, baseUrl, who, { timeoutMs = 60_000 } = {}) {
  const identity = identities[who];
  if (!identity) {
    throw new Error(
      `signInAs: no demo identity '${who}'; one of ${Object.keys(
        identities,
      ).join(', ')}`,
    );
  }
  await page.goto(baseUrl);
  // Right after the backend starts, the catalog may not hold the demo
  // organisation yet: the demo provider answers 404 and the page offers the
  // choices again, so try again until the deadline.
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answered = page.waitForResponse(res =>
      isSignIn(res, identity.provider),
    );
    await page
      .getByRole('button', { name: identity.button, exact: true })
      .click();
    const res = await answered;
    const body = await res.json().catch(() => undefined);
    const issued = body?.backstageIdentity;
    if (res.status() === 404 && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 1000));
      continue;
    }
    if (
      !res.ok() ||
      issued?.identity?.userEntityRef !== identity.userEntityRef
    ) {
      throw new Error(
        `signInAs ${who}: ${res.status()} from ${res.url()}, signed in ${
          issued?.identity?.userEntityRef ?? 'nobody'
        } (${JSON.stringify(body?.error ?? body)})`,
      );
    }
    await page.getByRole('link', { name: 'Platform' }).first().waitFor();
    return { ...issued.identity, token: issued.token };
  }
}

/** Signs out from the settings page and waits for the sign-in page. */
async function signOut(page, baseUrl) {
  await page.goto(`${baseUrl}/settings`);
  await page.getByRole('button', { name: 'more' }).click();
  await page.getByRole('menuitem', { name: 'Sign Out' }).click();
  await page.getByRole('button', { name: 'Enter', exact: true }).waitFor();
}

module.exports = { signInAs, signOut, identities };
