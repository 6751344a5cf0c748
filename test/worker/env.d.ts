import type { D1Migration } from "cloudflare:test";
import type { Secrets } from "../../src/lib/env";

// The `cloudflare:test` env: wrangler.toml's bindings and the Worker's GlobalProps come from the generated
// worker-configuration.d.ts; the tests add the secrets vitest.config.ts binds and the migrations to apply.
declare global {
  namespace Cloudflare {
    interface Env extends Secrets {
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}
