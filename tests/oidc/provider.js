// A real OpenID Connect provider for the tests: the certified `oidc-provider` from npm, set up
// like ID-porten and Ansattporten (authorization code flow, PKCE with S256 required, acr values
// idporten-loa-*, the national identity number in the `pid` claim, RP-initiated logout).
// Started by tests/oidc/conftest.py: node provider.js with OIDC_PORT and OIDC_CLIENT (JSON).
import http from 'node:http';

import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const issuer = process.env.OIDC_ISSUER || `http://127.0.0.1:${port}`;
const client = JSON.parse(process.env.OIDC_CLIENT);

const provider = new Provider(issuer, {
  clients: [client],
  pkce: { required: () => true },
  acrValues: ['idporten-loa-substantial', 'idporten-loa-high'],
  claims: { openid: ['sub', 'pid', 'acr', 'locale'] },
  // ID-porten puts the identity number in the ID token itself.
  conformIdTokenClaims: false,
  scopes: ['openid', 'profile'],
  ttl: { IdToken: Number(process.env.OIDC_ID_TOKEN_TTL || 3600) },
  cookies: { keys: ['frivillig-test-provider-cookie-key'] },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: { enabled: true },
  },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        // `sub` is a pseudonym per client; `pid` is the national identity number (the login).
        return { sub: `sub-${id}`, pid: id, locale: 'nb' };
      },
    };
  },
  // Consent is given once and for all, as ID-porten does for a registered client.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid profile');
    grant.addOIDCClaims(['sub', 'pid', 'acr', 'locale']);
    await grant.save();
    return grant;
  },
});
provider.proxy = false;

// The login page (ID-porten's choice of eID, reduced to a form): the login is the identity
// number; the level of assurance is the one asked for (OIDC_ACR overrides it).
async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  if (req.method === 'GET') {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(`<!DOCTYPE html><html lang="nb"><head><title>Testporten</title></head><body>
<h1>Testporten</h1><form method="post" action="/interaction/${details.uid}">
<label>Fødselsnummer <input name="login" autofocus></label>
<button type="submit">Logg inn</button></form></body></html>`);
    return;
  }
  let body = '';
  for await (const chunk of req) body += chunk;
  const login = new URLSearchParams(body).get('login');
  const asked = (details.params.acr_values || '').split(' ').filter(Boolean);
  const acr = process.env.OIDC_ACR || asked[0] || 'idporten-loa-substantial';
  await provider.interactionFinished(req, res, { login: { accountId: login, acr } }, {
    mergeWithLastSubmission: false,
  });
}

const callback = provider.callback();
http
  .createServer((req, res) => {
    if (req.url.startsWith('/interaction/')) {
      interaction(req, res).catch((error) => {
        res.statusCode = 500;
        res.end(String(error));
      });
      return;
    }
    callback(req, res);
  })
  .listen(port, '127.0.0.1', () => {
    console.log(`oidc-provider listening on ${issuer}`);
  });
