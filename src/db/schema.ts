/**
 * Drizzle schema of every D1 table. Each service adds its tables here and a
 * matching SQL migration in migrations/ (generated with `npm run db:generate`).
 */
export {};
