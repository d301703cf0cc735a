/** Registers a domain code list as a GraphQL enum, with the Chinese term as each value's description. */
import { registerEnumType } from 'type-graphql';

export function graphqlEnum<K extends string>(
  name: string,
  description: string,
  codeList: { values: K[]; labels: Record<K, string> },
): Record<K, K> {
  const enumObject = Object.fromEntries(codeList.values.map((v) => [v, v])) as Record<K, K>;
  const valuesConfig = Object.fromEntries(codeList.values.map((v) => [v, { description: codeList.labels[v] }])) as Record<
    K,
    { description: string }
  >;
  registerEnumType(enumObject, { name, description, valuesConfig });
  return enumObject;
}
