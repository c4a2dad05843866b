import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, visit } from 'graphql';
import { agriculture } from '../src/subgraph.ts';

describe('agriculture schema', () => {
  it('describes every type, field, argument and enum value', () => {
    const missing: string[] = [];
    const need = (node: { description?: unknown; name: { value: string } }, where: string) => {
      if (!node.description) missing.push(where);
    };
    visit(parse(fs.readFileSync(agriculture.schemaPath, 'utf8')), {
      ObjectTypeDefinition(type) {
        if (type.name.value !== 'Query') need(type, type.name.value);
        for (const field of type.fields ?? []) {
          need(field, `${type.name.value}.${field.name.value}`);
          for (const arg of field.arguments ?? []) need(arg, `${type.name.value}.${field.name.value}(${arg.name.value})`);
        }
      },
      EnumTypeDefinition(type) {
        need(type, type.name.value);
        for (const value of type.values ?? []) need(value, `${type.name.value}.${value.name.value}`);
      },
    });
    expect(missing).toEqual([]);
  });
});
