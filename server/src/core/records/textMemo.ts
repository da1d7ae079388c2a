/**
 * A bounded cache of a parse that depends on a record's text alone. A zone
 * publishes the same few texts at many names (one SPF record under a
 * thousand hosts, one DKIM key under every customer's selector), so each
 * kind parses a distinct text once and hands the same result to every
 * record that has it. Results are shared, so their readers never change
 * them.
 *
 * Bound: at most `maxEntries` texts of at most `maxText` characters each;
 * a longer text is parsed every time it is asked for, and when the cache is
 * full the oldest entry goes.
 */
export class TextMemo<T> {
  private readonly entries = new Map<string, T>();

  constructor(
    private readonly parse: (text: string) => T,
    private readonly maxEntries: number,
    private readonly maxText: number,
  ) {}

  get(text: string): T {
    if (text.length > this.maxText) return this.parse(text);
    let value = this.entries.get(text);
    if (value === undefined) {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(text, (value = this.parse(text)));
    }
    return value;
  }
}
