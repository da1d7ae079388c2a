/**
 * The owner names of one parse, each held once and known by a small number:
 * a record carries its owner's id, the view groups records by id rather than
 * by name, and a walk up the tree (a name, its parent, its grandparent…)
 * follows the parent ids without cutting strings. Every ancestor of a name
 * is in the table with it, up to the root, so a walk never leaves it.
 */
export class NameTable {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  /** By id, the id of the name one label up, or -1 for the root. */
  private parents = new Int32Array(64);

  /** How many names the table holds. */
  get size(): number {
    return this.names.length;
  }

  /**
   * The id of `name` (absolute, lower-case, as the parser makes owner
   * names), adding it and those of its ancestors the table lacks. Bound: one
   * pass per label of `name`, each adding at most one name.
   */
  intern(name: string): number {
    const known = this.ids.get(name);
    if (known !== undefined) return known;
    const parent = name === '.' ? -1 : this.intern(parentName(name));
    const id = this.names.length;
    this.names.push(name);
    this.ids.set(name, id);
    if (id === this.parents.length) {
      const grown = new Int32Array(this.parents.length * 2);
      grown.set(this.parents);
      this.parents = grown;
    }
    this.parents[id] = parent;
    return id;
  }

  /** The id of `name`, or undefined when no record's owner is it or below it. */
  idOf(name: string): number | undefined {
    return this.ids.get(name);
  }

  name(id: number): string {
    return this.names[id];
  }

  /** The id of the name one label above `id`'s, or -1 for the root. */
  parent(id: number): number {
    return this.parents[id];
  }
}

/**
 * The name one label up from an absolute name: what follows its first
 * unescaped dot (`\.` is a dot inside a label, `\DDD` a character code).
 * The root's parent is not asked for; a one-label name's parent is the root.
 */
function parentName(name: string): string {
  // Bound: one or two characters per pass, to the end of the first label.
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 92 /* \ */) i++;
    else if (c === 46 /* . */) return i + 1 < name.length ? name.slice(i + 1) : '.';
  }
  return '.';
}
