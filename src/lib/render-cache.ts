/**
 * Bodies rendered from one data generation (pages, exports), kept in isolate
 * memory until the generation moves on. Bounded by entry count, since one
 * entry may be a page of thousands of rows.
 */
export class RenderCache<R> {
  private generation: number | undefined;
  private readonly entries = new Map<string, R>();

  constructor(private readonly maxEntries: number) {}

  async get(generation: number, key: string, render: () => Promise<R>): Promise<R> {
    if (generation !== this.generation) {
      this.entries.clear();
      this.generation = generation;
    }
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const value = await render();
    // A newer generation arrived while this one rendered: answer, but keep only the newer data.
    if (generation !== this.generation) return value;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
    return value;
  }
}
