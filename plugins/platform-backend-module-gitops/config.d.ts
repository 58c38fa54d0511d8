export interface Config {
  platform?: {
    /**
     * Where the GitOps provisioner commits the manifests of web applications
     * and API gateways, and how it renders them.
     */
    gitops?: {
      /**
       * The repository: a local directory, or a remote that is cloned, pulled
       * before each change and pushed after it. Defaults to the local
       * directory `./data/gitops` under the backend's working directory.
       */
      repository?:
        | {
            /**
             * Directory of the repository, created with a first commit on
             * `main` if missing. Relative to the backend's working directory.
             */
            path: string;
          }
        | {
            /** HTTPS URL of the remote repository. */
            url: string;
            /** Branch to commit to; default `main`. */
            branch?: string;
            /**
             * User name sent with the token; default `x-access-token`.
             * Bitbucket needs the account's user name.
             */
            username?: string;
            /**
             * Access token with permission to push.
             * @visibility secret
             */
            token?: string;
          };
      /**
       * Directory under which remote repositories are cloned; default the
       * operating system's temporary directory.
       */
      workdir?: string;
      /** Gateway API Gateway that HTTP routes attach to; default `platform-gateway`. */
      gatewayName?: string;
      /** Namespace of that Gateway; default `gateway-system`. */
      gatewayNamespace?: string;
      /**
       * Container image web applications run, listening on port 8080;
       * default `nginxinc/nginx-unprivileged:1.27-alpine`.
       */
      image?: string;
      /**
       * Identity provider for API gateways with `oauth2` (token validation)
       * or `oidc` (user sign-in) authentication.
       */
      identityProvider?: {
        /** Issuer URL. */
        issuer: string;
        /** URL of the keys that sign access tokens; needed for `oauth2`. */
        jwksUri?: string;
        /** OAuth client id of the gateway; needed for `oidc`. */
        clientId?: string;
        /**
         * Secret in each team namespace whose `client-secret` key holds the
         * OAuth client secret; default `platform-oidc-client`.
         */
        clientSecretName?: string;
      };
    };
  };
}
