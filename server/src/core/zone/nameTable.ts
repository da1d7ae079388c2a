/**
 * The owner names of one parse, each held once and known by a small number:
 * a record carries its owner's id, the view groups records by id rather than
 * by name, and a walk up the tree (a name, its parent, its grandparent…)
 * follows the parent ids without cutting strings. A name's parent joins the
 * table the first time it is asked for, and keeps its id from then on: the
 * parse interns each owner with one lookup, and only walks pay for the
 * ancestors they visit (each once per table).
 */
export class NameTable {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  /** By id, the id of the name one label up, -1 for the root, or UNKNOWN until it is asked for. */
  private parents = new Int32Array(64);

  /** How many names the table holds. */
  get size(): number {
    return this.names.length;
  }

  /** The id of `name` (absolute, lower-case, as the parser makes owner names), added when the table lacks it. */
  intern(name: string): number {
    const known = this.ids.get(name);
    if (known !== undefined) return known;
    const id = this.names.length;
    this.names.push(name);
    this.ids.set(name, id);
    if (id === this.parents.length) {
      const grown = new Int32Array(this.parents.length * 2);
      grown.set(this.parents);
      this.parents = grown;
    }
    this.parents[id] = name === '.' ? -1 : UNKNOWN;
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
    let parent = this.parents[id];
    if (parent === UNKNOWN) {
      parent = this.intern(parentName(this.names[id]));
      // Interning may have grown the array: the parent is written into the current one.
      this.parents[id] = parent;
    }
    return parent;
  }
}

/** A parent not yet asked for (ids are never negative below -1). */
const UNKNOWN = -2;

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
