/** The ingest token the worker tests authenticate with: vitest.config.ts binds it, the tests send it. Never used outside tests. */
export const TEST_INGEST_TOKEN = "test-ingest-token-0123456789abcdef";
