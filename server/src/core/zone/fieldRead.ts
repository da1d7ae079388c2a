/** What reading one field's text gives: the text as it is printed (and its number, for fields that have one), or why it was refused. */
export type FieldRead = { text: string; number?: number } | { error: string };
