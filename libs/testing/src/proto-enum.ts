/**
 * What is wrong with the mapping of a closed list of names onto a proto enum, whose 0 is
 * UNSPECIFIED: each name must have its own non-zero value and come back from it, and 0 and a
 * value the enum does not have must come back as no name. Empty when the mapping holds.
 */
export function protoEnumMappingProblems<Name, Value extends number>(
  names: readonly Name[],
  toProto: (name: Name) => Value,
  fromProto: (value: Value) => Name | undefined,
): string[] {
  const problems: string[] = [];
  const seen = new Map<Value, Name>();
  for (const name of names) {
    const value = toProto(name);
    if (value === 0) problems.push(`${String(name)} maps to UNSPECIFIED`);
    const other = seen.get(value);
    if (other !== undefined) problems.push(`${String(name)} and ${String(other)} share ${value}`);
    seen.set(value, name);
    const back = fromProto(value);
    if (back !== name) problems.push(`${String(name)} comes back as ${String(back)}`);
  }
  for (const value of [0, 99] as Value[]) {
    const back = fromProto(value);
    if (back !== undefined) problems.push(`${value} comes back as ${String(back)}`);
  }
  return problems;
}
