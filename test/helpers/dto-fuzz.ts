import { getMetadataStorage } from 'class-validator';
import fc from 'fast-check';

// class-transformer keeps the @Type() of nested DTOs here and exposes it only by file path.
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');

/** What the class-validator decorators of one DTO property say about it. */
export interface FieldSpec {
  name: string;
  kind: 'int' | 'number' | 'string' | 'boolean' | 'enum' | 'date' | 'array' | 'nested' | 'unknown';
  /** @IsOptional: may be left out. */
  optional: boolean;
  /** Validated only under a @ValidateIf condition: no value of it alone is guaranteed to be refused. */
  conditional: boolean;
  min?: number;
  max?: number;
  maxLength?: number;
  plainText: boolean;
  values?: unknown[];
  /** The int/string rules apply to each element of an array. */
  each: boolean;
  /** @IsArray */
  array: boolean;
  /** The class of a @ValidateNested field (from its @Type). */
  nestedType?: new () => object;
}

/** Reads the validation metadata of a DTO class (inherited and mapped-type metadata included). */
export function fieldsOf(dto: new () => object): FieldSpec[] {
  const metas = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const byName = new Map<string, FieldSpec>();
  for (const meta of metas) {
    const spec = byName.get(meta.propertyName) ?? {
      name: meta.propertyName,
      kind: 'unknown' as FieldSpec['kind'],
      optional: false,
      conditional: false,
      plainText: false,
      each: false,
      array: false,
    };
    byName.set(meta.propertyName, spec);
    const name = meta.name ?? '';
    const c = (meta.constraints ?? []) as unknown[];
    const setKind = (kind: FieldSpec['kind']) => {
      if (spec.kind === 'unknown' || spec.kind === 'string') spec.kind = kind;
    };
    if (meta.type === 'conditionalValidation') {
      if (name === 'isOptional') spec.optional = true;
      else spec.conditional = true;
      continue;
    }
    if (meta.type === 'nestedValidation') {
      spec.kind = 'nested';
      spec.nestedType = defaultMetadataStorage.findTypeMetadata(dto, meta.propertyName)?.typeFunction() as (new () => object) | undefined;
      continue;
    }
    if (meta.each) spec.each = true;
    switch (name) {
      case 'isInt':
        setKind('int');
        break;
      case 'isNumber':
        setKind('number');
        break;
      case 'isBoolean':
        spec.kind = 'boolean';
        break;
      case 'isIn':
        spec.kind = 'enum';
        spec.values = c[0] as unknown[];
        break;
      case 'isIso8601':
      case 'isISO8601':
      case 'isDateString':
        spec.kind = 'date';
        break;
      case 'isArray':
        spec.array = true;
        if (spec.kind !== 'nested') spec.kind = 'array';
        break;
      case 'isString':
      case 'isLength':
      case 'maxLength':
      case 'matches':
        if (spec.kind === 'unknown') spec.kind = 'string';
        if (name === 'isLength' && typeof c[1] === 'number') spec.maxLength = Math.min(spec.maxLength ?? Infinity, c[1]);
        if (name === 'maxLength') spec.maxLength = Math.min(spec.maxLength ?? Infinity, c[0] as number);
        if (name === 'matches' && String(c[0]).includes('\\u0000')) spec.plainText = true;
        break;
      case 'min':
        spec.min = Math.max(spec.min ?? -Infinity, c[0] as number);
        break;
      case 'max':
        spec.max = Math.min(spec.max ?? Infinity, c[0] as number);
        break;
    }
  }
  return [...byName.values()];
}

/** Strings that are fine to store and awkward to handle: injection fragments, odd Unicode, markup. */
export const NASTY_STRINGS = [
  "' OR '1'='1",
  '1; DROP TABLE member; --',
  '" UNION SELECT password_hash FROM account --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{constructor.constructor("return process")()}}',
  '${7*7}',
  '🌸👨‍👩‍👧‍👦🏳️‍🌈',
  '上海市静安区南京西路',
  'مرحبا بالعالم',
  '𠀀𠀁𠀂',
  'Ｆｕｌｌｗｉｄｔｈ',
  '',
  ' ',
  '0',
  'null',
  'undefined',
  '-1',
  '1e309',
  'NaN',
];

/** Values that no field of this kind accepts, whatever the other fields hold. */
export function invalidValues(spec: FieldSpec): unknown[] {
  const wrongTypes = [{}, { $gt: 0 }, [], [[]], true];
  const required = spec.optional ? [] : [undefined, null];
  const nonNumbers = ['12', 'abc', '１２', '0x10', '1e3', ''];
  switch (spec.kind) {
    case 'int':
      if (spec.each) return [...required, 'abc', 7, { a: 1 }, [1.5], ['x'], [2 ** 31], [-(2 ** 31) - 1], [null]];
      return [
        ...required,
        ...wrongTypes,
        ...nonNumbers,
        1.5,
        -0.25,
        2 ** 31,
        2 ** 32 + 1,
        2 ** 53 + 2,
        -(2 ** 31) - 1,
        1e308,
        ...(spec.min !== undefined && spec.min > -(2 ** 31) ? [spec.min - 1, spec.min - 1000] : []),
        ...(spec.max !== undefined && spec.max < 2 ** 31 - 1 ? [spec.max + 1] : []),
      ];
    case 'number':
      return [
        ...required,
        ...wrongTypes,
        ...nonNumbers,
        ...(spec.min !== undefined ? [spec.min - 1] : []),
        ...(spec.max !== undefined ? [spec.max + 1, 1e308] : []),
      ];
    case 'string': {
      if (spec.each) return [...required, 'abc', 7, [1], [{}], [null]];
      const tooLong = spec.maxLength !== undefined && spec.maxLength < 10_000 ? ['x'.repeat(10_000), '🌸'.repeat(spec.maxLength + 1)] : [];
      const unsafe = spec.plainText ? ['a\u0000b', 'admin\u202Egnp.exe', 'a\u2066b\u2069', 'line\nbreak', 'bom\ufeff'] : [];
      return [...required, ...wrongTypes, 7, -1, 1.5, ...tooLong, ...unsafe];
    }
    case 'boolean':
      return [...required, 'false', 'true', 0, 1, 'yes', {}, []];
    case 'enum':
      return [...required, '__not_a_value__', 'ADMIN', 'paid; --', 42, {}, [], ...(spec.values ?? []).map((v) => [v])];
    case 'date':
      return [...required, 'yesterday', '2026-13-45', '2026-02-30T25:61:00Z', 'now()', 20260101, {}, []];
    case 'array':
      return [...required, {}, 'abc', 7, true];
    case 'nested':
      return [...required, 'abc', 7, true, ['abc'], [7], [[{}]]];
    default:
      return [];
  }
}

/** Anything for a field that is not the one made invalid: plausible, nasty, missing or wrong. */
function anyValue(spec: FieldSpec): fc.Arbitrary<unknown> {
  const plausible: unknown[] = [];
  if (spec.kind === 'int' || spec.kind === 'number') plausible.push(spec.min ?? 0, spec.max ?? 2 ** 31 - 1, 1, 0, -1);
  if (spec.kind === 'enum') plausible.push(...(spec.values ?? []));
  if (spec.kind === 'boolean') plausible.push(true, false);
  if (spec.kind === 'date') plausible.push('2026-01-01T00:00:00.000Z');
  return fc.oneof(
    fc.constant(undefined),
    fc.constantFrom<unknown>(...plausible, ...NASTY_STRINGS),
    fc.constantFrom(...[...invalidValues(spec), null]),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.integer(),
    fc.double(),
  );
}

/** Bodies that are not a JSON object of the DTO at all. */
const NOT_AN_OBJECT: unknown[] = [[], [{}], 'text', 42, true, [1, 2, 3]];

/**
 * Bodies each of which the DTO must refuse: at least one field holds a value no field of its kind
 * accepts (or a required field is missing), or there is an unknown field, or it is not an object.
 */
export function invalidBodies(dto: new () => object): fc.Arbitrary<unknown> {
  const fields = fieldsOf(dto);
  const carriers = fields.filter((f) => !f.conditional && invalidValues(f).length > 0);
  const objectWith = (chosen: FieldSpec | null, bad: unknown, extra: [string, unknown] | null) =>
    // The other fields mostly hold values their rules accept, so the one bad value is often the only one.
    fc
      .tuple(
        ...(fields.length
          ? fields.map((f) =>
              fc.oneof({ weight: 3, arbitrary: edgeValue(f) }, { weight: 1, arbitrary: anyValue(f) }, { weight: 1, arbitrary: fc.constant(undefined) }),
            )
          : [fc.constant(undefined)]),
      )
      .map((values) => {
        const body: Record<string, unknown> = {};
        fields.forEach((f, i) => {
          if (values[i] !== undefined) body[f.name] = values[i];
        });
        if (chosen) {
          if (bad === undefined) delete body[chosen.name];
          else body[chosen.name] = bad;
        }
        if (extra) body[extra[0]] = extra[1];
        return body;
      });
  const withInvalidField = carriers.length
    ? fc.constantFrom(...carriers).chain((field) => fc.constantFrom(...invalidValues(field)).chain((bad) => objectWith(field, bad, null)))
    : null;
  const unknownKey = fc.oneof(
    fc.constantFrom('balanceFen', 'role', 'status', 'memberId', 'isAdmin', 'price_fen', ' nickname', 'constructor'),
    fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !fields.some((f) => f.name === k) && k !== '__proto__'),
  );
  const withUnknownField = unknownKey.chain((key) =>
    fc.constantFrom<unknown>(1, 'x', null, {}, []).chain((value) => objectWith(null, undefined, [key, value])),
  );
  return fc.oneof(
    ...(withInvalidField ? [{ weight: 6, arbitrary: withInvalidField }] : []),
    { weight: 2, arbitrary: withUnknownField },
    { weight: 1, arbitrary: fc.constantFrom(...NOT_AN_OBJECT) },
  );
}

/** Values each rule accepts, at its edges: the largest INT, the longest string in 4-byte characters, markup. */
export function edgeValue(spec: FieldSpec): fc.Arbitrary<unknown> {
  switch (spec.kind) {
    case 'int': {
      const lo = Math.max(spec.min ?? -(2 ** 31), -(2 ** 31));
      const hi = Math.min(spec.max ?? 2 ** 31 - 1, 2 ** 31 - 1);
      const value = fc.constantFrom(lo, hi, Math.max(lo, Math.min(hi, 0)), Math.max(lo, Math.min(hi, 1)));
      return spec.each ? fc.array(value, { maxLength: 3 }) : value;
    }
    case 'number':
      return fc.constantFrom(spec.min ?? -1e9, spec.max ?? 1e9, 0);
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...(spec.values ?? ['x']));
    case 'date':
      return fc.constantFrom('1970-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z', '2026-02-28');
    case 'string': {
      const max = Math.min(spec.maxLength ?? 200, 2000);
      const fill = (unit: string) => [...unit.repeat(max)].slice(0, max).join('');
      const odd = fc.constantFrom(
        ...NASTY_STRINGS.filter((s) => [...s].length <= max && s.length > 0),
        fill('🌸'),
        fill('𠀀'),
        fill('汉'),
        fill("'"),
        fill('<'),
      );
      return spec.each ? fc.array(odd, { maxLength: 3 }) : odd;
    }
    case 'nested': {
      if (!spec.nestedType) return fc.constant(undefined);
      const one = edgeBody(fieldsOf(spec.nestedType));
      return spec.array ? fc.array(one, { minLength: 1, maxLength: 3 }) : one;
    }
    default:
      return fc.constant(undefined);
  }
}

export function edgeBody(fields: FieldSpec[]): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(
      // null is what @IsOptional lets through besides undefined: it is an edge of every optional field.
      ...fields.map((f) =>
        fc.option(f.optional ? fc.oneof({ weight: 4, arbitrary: edgeValue(f) }, { weight: 1, arbitrary: fc.constant(null) }) : edgeValue(f), {
          nil: undefined,
          freq: f.optional ? 3 : 8,
        }),
      ),
    )
    .map((values) => {
      const body: Record<string, unknown> = {};
      fields.forEach((f, i) => {
        if (values[i] !== undefined) body[f.name] = values[i];
      });
      return body;
    });
}
