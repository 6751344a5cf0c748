// Enhances the Credit Usage dashboard: the server-rendered page already works without it.
export {};
